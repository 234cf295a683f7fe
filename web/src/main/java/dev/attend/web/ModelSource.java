package dev.attend.web;

/** A model the server offers: the key requests use, and what {@code Models.load} takes (a built-in key or a folder). */
record ModelSource(String key, String location, boolean builtIn) {}

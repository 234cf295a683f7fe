package dev.attend.web;

/** A model the server was given but could not load, with the reason. */
record UnavailableModel(String key, String error) {}

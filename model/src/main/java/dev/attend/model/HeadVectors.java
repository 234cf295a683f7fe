package dev.attend.model;

/**
 * Per-head vectors of every layer, head-major: {@code query[layer]} is [heads, queries, headDim],
 * {@code key[layer]} and {@code value[layer]} are [heads, keys, headDim], {@code context[layer]} (the weighted
 * sum of values, before the output projection) is [heads, queries, headDim].
 */
public record HeadVectors(float[][] query, float[][] key, float[][] value, float[][] context) {}

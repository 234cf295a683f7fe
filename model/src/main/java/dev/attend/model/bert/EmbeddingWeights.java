package dev.attend.model.bert;

/** Word [vocab, hidden], position [maxPositions, hidden] and token-type [types, hidden] tables, then LayerNorm. */
public record EmbeddingWeights(float[] word, float[] position, float[] tokenType, NormWeights norm) {}

package dev.attend.model.bert;

/** One encoder layer: self-attention projections, attention output + norm, feed-forward + norm. */
public record LayerWeights(DenseWeights query, DenseWeights key, DenseWeights value, DenseWeights attentionOutput,
                           NormWeights attentionNorm, DenseWeights intermediate, DenseWeights output,
                           NormWeights outputNorm) {}

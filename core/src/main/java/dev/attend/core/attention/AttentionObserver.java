package dev.attend.core.attention;

import dev.attend.core.MatrixView;

/**
 * Sees the inside of a multi-head attention call, one batch item at a time, while its buffers are live.
 * Q [queries, heads·d], K and V [keys, kvHeads·d] and context [queries, heads·dv] are token-major views;
 * weights are [heads, queries, keys] (null unless {@link #wantsWeights()}). Copy what you keep.
 */
public interface AttentionObserver {

    boolean wantsWeights();

    void observe(int batchIndex, float[] weights, MatrixView q, MatrixView k, MatrixView v, MatrixView context);
}

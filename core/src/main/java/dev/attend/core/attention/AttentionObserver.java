package dev.attend.core.attention;

import dev.attend.core.MatrixView;

/**
 * Sees the inside of a multi-head attention call, one batch item at a time, while its buffers are live.
 * Q [queries, heads·d], K and V [keys, kvHeads·d] and context [queries, heads·dv] are token-major views;
 * weights are [heads, queries, keys] in the buffer {@link #weightsBuffer} gave (null when it gave none). Copy what
 * you keep unless the buffer is yours.
 */
public interface AttentionObserver {

    /**
     * Where batch item {@code batchIndex}'s weights [heads, queries, keys] go: an array of at least {@code size}
     * floats that the attention overwrites (it need not be zeroed), or null when the weights are not wanted, so
     * that the fastest path without them runs. Letting the observer own the buffer means it can allocate ahead,
     * in parallel, or reuse one buffer.
     */
    float[] weightsBuffer(int batchIndex, int size);

    /** Where batch item {@code batchIndex}'s weights stream to block by block, or null (the default) for nowhere. */
    default WeightBlocks weightBlocks(int batchIndex) {
        return null;
    }

    void observe(int batchIndex, float[] weights, MatrixView q, MatrixView k, MatrixView v, MatrixView context);
}

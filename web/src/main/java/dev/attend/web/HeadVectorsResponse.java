package dev.attend.web;

import dev.attend.model.AttentionTrace;
import dev.attend.model.HeadVectors;

/**
 * GET /api/trace/{id}/qkv: one head's vectors, each [n][head_dim]: {@code query}, {@code key}, {@code value} of
 * every token, and {@code context} (the attention-weighted sum of values, before the output projection).
 */
record HeadVectorsResponse(int layer, int head, int n, int headDim, float[][] query, float[][] key, float[][] value,
                           float[][] context) {

    static HeadVectorsResponse of(AttentionTrace trace, int layer, int head) {
        HeadVectors v = trace.vectors();
        int n = trace.queries();
        int d = trace.headDim();
        return new HeadVectorsResponse(layer, head, n, d, rows(v.query()[layer], head, n, d),
                rows(v.key()[layer], head, n, d), rows(v.value()[layer], head, n, d), rows(v.context()[layer], head, n, d));
    }

    /** Head {@code head} of a head-major [heads, n, d] array, as [n][d]. */
    private static float[][] rows(float[] headMajor, int head, int n, int d) {
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) System.arraycopy(headMajor, (head * n + i) * d, out[i], 0, d);
        return out;
    }
}

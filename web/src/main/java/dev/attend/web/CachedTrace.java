package dev.attend.web;

import dev.attend.model.AttentionTrace;
import dev.attend.model.HeadVectors;

/** A trace the server keeps under a random {@code id}, with the model key it was run with and its size. */
record CachedTrace(String id, String modelKey, AttentionTrace trace, long bytes) {

    /** About how much heap the trace holds: its float arrays, and a little per token for the token data. */
    static long bytesOf(AttentionTrace trace) {
        long floats = trace.lastHiddenState().length + total(trace.attention());
        HeadVectors v = trace.vectors();
        if (v != null) floats += total(v.query()) + total(v.key()) + total(v.value()) + total(v.context());
        if (trace.hiddenStates() != null) floats += total(trace.hiddenStates());
        return 4 * floats + 128L * trace.queries() + 1024;
    }

    private static long total(float[][] arrays) {
        long sum = 0;
        for (float[] a : arrays) sum += a.length;
        return sum;
    }
}

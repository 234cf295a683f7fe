package dev.attend.web;

import dev.attend.model.AttentionTrace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The part of one layer's weights that GET /api/trace/{id}/attention asks for: all heads or one ({@code head}),
 * all query rows or one ({@code query}); shape [heads?, n?, n], a dimension present when its index is absent.
 */
record AttentionSlice(int layer, Integer head, Integer query) {

    /** From the request's query parameters (strings, null when absent); a 400 for a missing or bad index. */
    static AttentionSlice parse(AttentionTrace trace, String layer, String head, String query) {
        return new AttentionSlice(IndexParameter.required("layer", layer, trace.layers()),
                IndexParameter.optional("head", head, trace.heads()),
                IndexParameter.optional("query", query, trace.queries()));
    }

    /** The dimensions, outermost first. */
    int[] shape(AttentionTrace trace) {
        int n = trace.keys();
        if (head == null) return query == null ? new int[] {trace.heads(), n, n} : new int[] {trace.heads(), n};
        return query == null ? new int[] {n, n} : new int[] {n};
    }

    /** The weights, little-endian float32, row-major in {@link #shape}. */
    byte[] littleEndianFloats(AttentionTrace trace) {
        float[] weights = trace.attention()[layer]; // [heads, n, n]
        int n = trace.keys();
        int firstHead = head == null ? 0 : head;
        int lastHead = head == null ? trace.heads() - 1 : head;
        int firstRow = query == null ? 0 : query;
        int lastRow = query == null ? n - 1 : query;
        ByteBuffer bytes = ByteBuffer.allocate(4 * (lastHead - firstHead + 1) * (lastRow - firstRow + 1) * n)
                .order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        for (int h = firstHead; h <= lastHead; h++) {
            for (int i = firstRow; i <= lastRow; i++) floats.put(weights, (h * n + i) * n, n);
        }
        return bytes.array();
    }
}

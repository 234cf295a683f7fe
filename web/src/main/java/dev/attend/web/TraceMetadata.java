package dev.attend.web;

import dev.attend.model.AttentionTrace;
import dev.attend.model.tokenize.TokenizedText;

import java.util.List;

/**
 * The answer to POST /api/trace: everything about a trace but its numbers, which the page fetches by {@code id}.
 * Per token: {@code offsets} [start, end) in UTF-16 chars of its own text ([-1, -1] for [CLS]/[SEP]),
 * {@code segments} (0 for text, 1 for text_b), {@code word_ids} (-1 for added tokens; numbered across both
 * texts, so (segment, word id) and word id alone both name one word) and {@code token_types} (the model's
 * token type ids).
 */
record TraceMetadata(String id, String model, String modelName, List<String> texts, int n, int layers, int heads,
                     int headDim, List<String> tokens, int[][] offsets, int[] segments, int[] wordIds, int[] tokenTypes) {

    static TraceMetadata of(CachedTrace cached) {
        AttentionTrace trace = cached.trace();
        TokenizedText text = trace.text();
        int n = text.size();
        int[][] offsets = new int[n][];
        int[] segments = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = new int[] {text.charStart()[i], text.charEnd()[i]};
            segments[i] = text.segment(i);
        }
        return new TraceMetadata(cached.id(), cached.modelKey(), trace.modelName(), text.texts(), n, trace.layers(),
                trace.heads(), trace.headDim(), text.tokens(), offsets, segments, text.wordIds(), text.typeIds());
    }
}

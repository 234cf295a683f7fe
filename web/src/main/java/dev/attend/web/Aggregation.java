package dev.attend.web;

import dev.attend.analysis.aggregate.AttentionFlow;
import dev.attend.analysis.aggregate.AttentionRollout;
import dev.attend.analysis.aggregate.HeadMean;
import dev.attend.model.AttentionTrace;

import java.util.Arrays;

/**
 * GET /api/trace/{id}/aggregate: the heads of every layer combined into one matrix per layer — their mean, attention
 * rollout, or attention flow (analysis' aggregate package) — all query rows ([layers, n, n]) or one ([layers, n]).
 * Flow beyond its documented cost is refused (422) before any work.
 */
record Aggregation(String kind, Integer query) {
    static final String KINDS = "mean, rollout or flow";

    static Aggregation parse(AttentionTrace trace, String kind, String query) {
        if (kind == null || !Arrays.asList("mean", "rollout", "flow").contains(kind)) {
            throw ApiException.badRequest("give ?kind= " + KINDS);
        }
        return new Aggregation(kind, IndexParameter.optional("query", query, trace.queries()));
    }

    /** Flow costs up to seconds: it goes through the forward-pass gate like a model run. */
    boolean costly() {
        return kind.equals("flow");
    }

    int[] shape(AttentionTrace trace) {
        int n = trace.queries();
        return query == null ? new int[] {trace.layers(), n, n} : new int[] {trace.layers(), n};
    }

    float[] values(AttentionTrace trace) {
        int n = trace.queries(), layers = trace.layers();
        double[][][] mean = HeadMean.of(trace.attention(), trace.heads(), n); // [layers][n][n]
        double[][][] out;
        if (kind.equals("mean")) {
            out = mean;
        } else if (kind.equals("rollout")) {
            out = AttentionRollout.of(mean);
        } else {
            boolean[] outputs = new boolean[n];
            if (query == null) Arrays.fill(outputs, true);
            else outputs[query] = true;
            out = AttentionFlow.of(mean, outputs);
        }
        int rows = query == null ? n : 1;
        float[] values = new float[layers * rows * n];
        for (int l = 0; l < layers; l++) {
            for (int r = 0; r < rows; r++) {
                double[] row = out[l][query == null ? r : query];
                for (int j = 0; j < n; j++) values[(l * rows + r) * n + j] = (float) row[j];
            }
        }
        return values;
    }
}

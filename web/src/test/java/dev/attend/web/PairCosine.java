package dev.attend.web;

import dev.attend.model.AttentionModel;
import dev.attend.model.Capture;
import dev.attend.model.SentenceEmbeddings;

/** Reference for the Explain tests: the cosine of two texts' sentence embeddings, each run alone by the engine. */
public final class PairCosine {
    private PairCosine() {}

    public static double of(AttentionModel model, String a, String b) {
        float[] x = SentenceEmbeddings.of(model.trace(a, Capture.none()), model.pooling());
        float[] y = SentenceEmbeddings.of(model.trace(b, Capture.none()), model.pooling());
        double dot = 0, nx = 0, ny = 0;
        for (int c = 0; c < x.length; c++) {
            dot += (double) x[c] * y[c];
            nx += (double) x[c] * x[c];
            ny += (double) y[c] * y[c];
        }
        return dot / Math.sqrt(nx * ny);
    }
}

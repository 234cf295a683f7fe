package dev.attend.model;

import dev.attend.model.registry.Pooling;

/**
 * One vector per text from the encoder's last hidden state, pooled the way the model was trained to be used
 * (MiniLM: mean over the text's tokens, [CLS] and [SEP] included; bge-small: the [CLS] vector), then scaled
 * to unit length so that a dot product is the cosine similarity.
 */
public final class SentenceEmbeddings {
    private SentenceEmbeddings() {}

    /** @param lastHiddenState [tokens, hidden] */
    public static float[] pool(float[] lastHiddenState, int tokens, int hidden, Pooling pooling) {
        double[] sum = new double[hidden];
        int rows = pooling == Pooling.CLS ? 1 : tokens;
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < hidden; c++) sum[c] += lastHiddenState[i * hidden + c];
        }
        double norm = 0;
        for (double v : sum) norm += v * v;
        norm = Math.sqrt(norm);
        float[] out = new float[hidden];
        for (int c = 0; c < hidden; c++) out[c] = (float) (norm == 0 ? 0 : sum[c] / norm);
        return out;
    }

    public static float[] of(AttentionTrace trace, Pooling pooling) {
        return pool(trace.lastHiddenState(), trace.queries(), trace.hiddenSize(), pooling);
    }
}

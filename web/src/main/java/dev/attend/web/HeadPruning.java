package dev.attend.web;

import dev.attend.analysis.importance.TrainedModel;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.SentenceEmbeddings;

import java.util.List;

/**
 * What switching heads off does to one text (POST /api/trace/{id}/prune): the text is run again with those heads'
 * outputs multiplied by 0 (the engine's head mask) and compared with the kept trace: the cosine similarity of the
 * two sentence embeddings (the model's own pooling), and per remaining head how far its attention moved — the mean
 * over query rows of the total variation distance ½·Σ_j |a'_ij − a_ij| (0: unchanged, 1: disjoint). Pruned heads
 * have null there. For a classifier trained here the compared vector is the last hidden state at the position the
 * classifier reads ({@code pooling} "read"), and {@code prediction} holds the predicted class and its probability
 * with every head and without the pruned ones (null for BERT models).
 */
record HeadPruning(List<int[]> pruned, double cosine, String pooling, Double[][] attentionChange, Change prediction) {

    /** The prediction with every head ({@code before}) and without the pruned heads ({@code after}). */
    record Change(ClassifierModel.Prediction before, ClassifierModel.Prediction after) {}

    static HeadPruning of(AttentionModel model, AttentionTrace kept, List<int[]> pruned) {
        float[][] mask = mask(kept, pruned);
        AttentionTrace masked = model.trace(kept.text(), Capture.attention().withHeadMask(mask));
        return new HeadPruning(List.copyOf(pruned), cosine(SentenceEmbeddings.of(kept, model.pooling()),
                SentenceEmbeddings.of(masked, model.pooling())), model.pooling().name().toLowerCase(),
                change(kept, masked, mask), null);
    }

    static HeadPruning of(ClassifierModel model, AttentionTrace kept, List<int[]> pruned) {
        TrainedModel.Sentence sentence = model.parse(kept.text().texts().get(0));
        ClassifierModel.Pass all = model.run(sentence, null), without = model.run(sentence, mask(kept, pruned));
        return new HeadPruning(List.copyOf(pruned), cosine(all.readState(), without.readState()), "read",
                change(all.trace(), without.trace(), mask(kept, pruned)), new Change(all.prediction(), without.prediction()));
    }

    private static float[][] mask(AttentionTrace kept, List<int[]> pruned) {
        float[][] mask = new float[kept.layers()][kept.heads()]; // 1 keeps a head, 0 switches it off
        for (float[] layer : mask) java.util.Arrays.fill(layer, 1f);
        for (int[] h : pruned) mask[h[0]][h[1]] = 0f;
        return mask;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int c = 0; c < a.length; c++) {
            dot += (double) a[c] * b[c];
            na += (double) a[c] * a[c];
            nb += (double) b[c] * b[c];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static Double[][] change(AttentionTrace kept, AttentionTrace masked, float[][] mask) {
        int n = kept.queries();
        Double[][] change = new Double[kept.layers()][kept.heads()];
        for (int l = 0; l < kept.layers(); l++) {
            float[] before = kept.attention()[l], after = masked.attention()[l]; // [heads, n, n]
            for (int h = 0; h < kept.heads(); h++) {
                if (mask[l][h] == 0f) continue;
                double sum = 0;
                for (int k = h * n * n; k < (h + 1) * n * n; k++) sum += Math.abs(after[k] - before[k]);
                change[l][h] = 0.5 * sum / n;
            }
        }
        return change;
    }
}

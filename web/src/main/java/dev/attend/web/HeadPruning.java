package dev.attend.web;

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
 * have null there.
 */
record HeadPruning(List<int[]> pruned, double cosine, String pooling, Double[][] attentionChange) {

    static HeadPruning of(AttentionModel model, AttentionTrace kept, List<int[]> pruned) {
        float[][] mask = new float[kept.layers()][kept.heads()]; // 1 keeps a head, 0 switches it off
        for (float[] layer : mask) java.util.Arrays.fill(layer, 1f);
        for (int[] h : pruned) mask[h[0]][h[1]] = 0f;
        AttentionTrace masked = model.trace(kept.text(), Capture.attention().withHeadMask(mask));
        float[] a = SentenceEmbeddings.of(kept, model.pooling()), b = SentenceEmbeddings.of(masked, model.pooling());
        double dot = 0, na = 0, nb = 0;
        for (int c = 0; c < a.length; c++) {
            dot += (double) a[c] * b[c];
            na += (double) a[c] * a[c];
            nb += (double) b[c] * b[c];
        }
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
        return new HeadPruning(List.copyOf(pruned), dot / Math.sqrt(na * nb), model.pooling().name().toLowerCase(), change);
    }
}

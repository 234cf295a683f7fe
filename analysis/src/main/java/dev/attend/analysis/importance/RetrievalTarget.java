package dev.attend.analysis.importance;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.SentenceEmbeddings;
import dev.attend.model.tokenize.TokenizedText;

import java.util.ArrayList;
import java.util.List;

/**
 * Top-1 retrieval of the perturbed copy for a pretrained encoder, on the engine's fast forward: in each group of B
 * sentences, a sentence scores when its own copy is the most similar (cosine of the model's sentence embeddings)
 * among the group's B copies and B shuffles, the candidates of the contrastive loss.
 */
public final class RetrievalTarget implements PruningTarget {
    private final AttentionModel model;
    private final List<List<TokenizedText>> groups = new ArrayList<>(); // texts, copies, shuffles

    public RetrievalTarget(AttentionModel model, List<SentencePairs.Pair> evaluation, int batch) {
        this.model = model;
        for (List<SentencePairs.Pair> group : SentencePairs.groups(evaluation, batch)) {
            groups.add(ContrastiveImportance.encode(model, group));
        }
    }

    @Override
    public String metricName() {
        return "top-1 retrieval of the perturbed copy";
    }

    @Override
    public int layers() {
        return model.config().numLayers();
    }

    @Override
    public int heads() {
        return model.config().numHeads();
    }

    @Override
    public Measurement measure(float[][] headMask) {
        List<float[]> states = new ArrayList<>();
        int correct = 0, total = 0;
        for (List<TokenizedText> group : groups) {
            List<AttentionTrace> traces = model.traceBatch(group, Capture.none().withHeadMask(headMask));
            int n = group.size() / 3;
            float[][] z = new float[group.size()][];
            for (int i = 0; i < group.size(); i++) {
                z[i] = SentenceEmbeddings.of(traces.get(i), model.pooling());
                states.add(traces.get(i).lastHiddenState());
            }
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < 2 * n; j++) {
                    double s = dot(z[i], z[n + j]);
                    if (s > bestScore) {
                        bestScore = s;
                        best = j;
                    }
                }
                if (best == i) correct++;
                total++;
            }
        }
        return new Measurement((double) correct / total, states);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) s += (double) a[c] * b[c];
        return s;
    }
}

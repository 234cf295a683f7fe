package dev.attend.web;

import dev.attend.analysis.explain.AttentionImportance;
import dev.attend.analysis.explain.ClassifierLogit;
import dev.attend.analysis.explain.ExplainedSequence;
import dev.attend.analysis.explain.ExplanationCorrelations;
import dev.attend.analysis.explain.ExplanationCorrelations.Attribution;
import dev.attend.analysis.explain.SentencePairCosine;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.InputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/trace/{id}/explain: attention next to attribution for a scalar output of the kept trace's texts. For a
 * BERT model the output is the cosine similarity of the pair's sentence embeddings, each sentence encoded on its own
 * with the model's pooling (analysis' {@link SentencePairCosine}); each sentence is explained with its own attention:
 * per layer, raw (mean over heads), rollout and flow read through the output's readout, the blank-out and gradient ×
 * input attributions, and the Spearman correlation of each attention kind with each attribution over the sentence's
 * words, per layer (null where a ranking is constant). For a classifier trained here the output is the logit of the
 * class it predicts ({@code predicted}) at the position it reads, over the kept text (analysis' ClassifierLogit).
 */
record Explanation(String model, String output, double value, String predicted, String pooling, int layers,
                   List<Sequence> sequences) {

    /** One explained sentence: [n] per token, [layers][n] per attention kind, spearman[kind][attribution][layer]. */
    record Sequence(String text, List<String> tokens, boolean[] scored, Map<String, double[][]> attention,
                    Map<String, double[]> attribution, Map<String, Map<String, Double[]>> spearman) {}

    /** A {@link SentencePairCosine} per request: it copies the weights with room for gradients (MiniLM ~180 MB, freed after). */
    static Explanation of(String modelKey, AttentionModel model, AttentionTrace trace) {
        List<String> texts = trace.text().texts();
        if (texts.size() != 2) {
            throw new InputException("Explain compares two sentences for " + model.name() + " (the output is the cosine "
                    + "similarity of their embeddings): give a second sentence (text_b)");
        }
        SentencePairCosine.Explained e = new SentencePairCosine(model).explain(texts.get(0), texts.get(1));
        return new Explanation(modelKey, "cosine", e.cosine(), null, model.pooling().name().toLowerCase(),
                model.config().numLayers(), List.of(sequence(texts.get(0), e.first()), sequence(texts.get(1), e.second())));
    }

    static Explanation of(String modelKey, ClassifierModel model, AttentionTrace trace) {
        String text = trace.text().texts().get(0);
        ClassifierLogit.Explained e = model.explain(model.parse(text));
        return new Explanation(modelKey, "logit", e.logit(), model.label(e.predicted()), "read",
                model.transformer().config().layers(), List.of(sequence(text, e.sequence())));
    }

    private static Sequence sequence(String text, ExplainedSequence s) {
        ExplanationCorrelations correlations = new ExplanationCorrelations(s.layers());
        AttentionImportance importance = correlations.add(s);
        Map<String, double[][]> attention = new LinkedHashMap<>();
        Map<String, Map<String, Double[]>> spearman = new LinkedHashMap<>();
        for (AttentionImportance.Method m : AttentionImportance.Method.values()) {
            attention.put(m.key(), importance.of(m));
            Map<String, Double[]> byAttribution = new LinkedHashMap<>();
            for (Attribution a : Attribution.values()) byAttribution.put(a.key(), nullForNaN(correlations.mean(m, a)));
            spearman.put(m.key(), byAttribution);
        }
        Map<String, double[]> attribution = new LinkedHashMap<>();
        attribution.put(Attribution.BLANKOUT.key(), s.blankout());
        attribution.put(Attribution.GRADXINPUT.key(), s.gradientTimesInput());
        return new Sequence(text, s.tokens(), s.scored(), attention, attribution, spearman);
    }

    private static Double[] nullForNaN(double[] values) {
        Double[] out = new Double[values.length];
        for (int k = 0; k < values.length; k++) out[k] = Double.isNaN(values[k]) ? null : values[k];
        return out;
    }
}

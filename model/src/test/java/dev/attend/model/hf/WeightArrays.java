package dev.attend.model.hf;

import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.EmbeddingWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Every float array of a {@link BertWeights}, by name, and copies of the weights with each array transformed. */
final class WeightArrays {
    private WeightArrays() {}

    /** e.g. "layer 3 query W" → [in, out] values. */
    static Map<String, float[]> of(BertWeights w) {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put("word", w.embeddings().word());
        arrays.put("position", w.embeddings().position());
        arrays.put("token type", w.embeddings().tokenType());
        arrays.put("embedding norm gamma", w.embeddings().norm().gamma());
        arrays.put("embedding norm beta", w.embeddings().norm().beta());
        for (int l = 0; l < w.layers().size(); l++) {
            LayerWeights layer = w.layers().get(l);
            String p = "layer " + l + " ";
            dense(arrays, p + "query", layer.query());
            dense(arrays, p + "key", layer.key());
            dense(arrays, p + "value", layer.value());
            dense(arrays, p + "attention output", layer.attentionOutput());
            arrays.put(p + "attention norm gamma", layer.attentionNorm().gamma());
            arrays.put(p + "attention norm beta", layer.attentionNorm().beta());
            dense(arrays, p + "intermediate", layer.intermediate());
            dense(arrays, p + "output", layer.output());
            arrays.put(p + "output norm gamma", layer.outputNorm().gamma());
            arrays.put(p + "output norm beta", layer.outputNorm().beta());
        }
        return arrays;
    }

    /** The same model with {@code f} applied to every weight array (f must return a new array of the same length). */
    static BertWeights map(BertWeights w, UnaryOperator<float[]> f) {
        EmbeddingWeights e = w.embeddings();
        return new BertWeights(w.config(),
                new EmbeddingWeights(f.apply(e.word()), f.apply(e.position()), f.apply(e.tokenType()), norm(e.norm(), f)),
                w.layers().stream().map(layer -> new LayerWeights(
                        dense(layer.query(), f), dense(layer.key(), f), dense(layer.value(), f),
                        dense(layer.attentionOutput(), f), norm(layer.attentionNorm(), f),
                        dense(layer.intermediate(), f), dense(layer.output(), f), norm(layer.outputNorm(), f))).toList());
    }

    private static void dense(Map<String, float[]> arrays, String name, DenseWeights dense) {
        arrays.put(name + " W", dense.weight());
        arrays.put(name + " b", dense.bias());
    }

    private static DenseWeights dense(DenseWeights d, UnaryOperator<float[]> f) {
        return new DenseWeights(f.apply(d.weight()), f.apply(d.bias()), d.in(), d.out());
    }

    private static NormWeights norm(NormWeights n, UnaryOperator<float[]> f) {
        return new NormWeights(f.apply(n.gamma()), f.apply(n.beta()));
    }
}

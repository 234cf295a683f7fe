package dev.attend.train.bert;

import dev.attend.model.ModelException;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.EmbeddingWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;
import dev.attend.train.layers.Parameter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the engine's {@link BertWeights} (dense maps stored [in, out]) and train's parameters (Hugging Face names,
 * linear maps stored [out, in]): every tensor is named, the dense ones transposed on the way.
 */
final class BertParameterNames {
    private BertParameterNames() {}

    /** Copies every weight into the parameter of the same name; shapes must agree, none may be missing. */
    static void load(BertWeights weights, List<Parameter> parameters) {
        Map<String, float[]> named = named(weights);
        for (Parameter p : parameters) {
            float[] value = named.remove(p.name());
            if (value == null || value.length != p.size()) {
                throw new ModelException("weights do not fit the network: " + p.name() + " is "
                        + (value == null ? "missing" : value.length + " values, expected " + p.size()));
            }
            System.arraycopy(value, 0, p.value(), 0, value.length);
        }
        if (!named.isEmpty()) {
            throw new ModelException("weights the network has no place for: " + named.keySet());
        }
    }

    static BertWeights export(BertConfig config, List<Parameter> parameters) {
        Map<String, Parameter> byName = new HashMap<>();
        parameters.forEach(p -> byName.put(p.name(), p));
        EmbeddingWeights embeddings = new EmbeddingWeights(value(byName, "embeddings.word_embeddings.weight").clone(),
                value(byName, "embeddings.position_embeddings.weight").clone(),
                value(byName, "embeddings.token_type_embeddings.weight").clone(), norm(byName, "embeddings.LayerNorm"));
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < config.numLayers(); l++) {
            String p = "encoder.layer." + l + ".";
            layers.add(new LayerWeights(dense(byName, p + "attention.self.query"), dense(byName, p + "attention.self.key"),
                    dense(byName, p + "attention.self.value"), dense(byName, p + "attention.output.dense"),
                    norm(byName, p + "attention.output.LayerNorm"), dense(byName, p + "intermediate.dense"),
                    dense(byName, p + "output.dense"), norm(byName, p + "output.LayerNorm")));
        }
        return new BertWeights(config, embeddings, layers);
    }

    private static Map<String, float[]> named(BertWeights w) {
        Map<String, float[]> named = new HashMap<>();
        EmbeddingWeights e = w.embeddings();
        named.put("embeddings.word_embeddings.weight", e.word());
        named.put("embeddings.position_embeddings.weight", e.position());
        named.put("embeddings.token_type_embeddings.weight", e.tokenType());
        putNorm(named, "embeddings.LayerNorm", e.norm());
        for (int l = 0; l < w.layers().size(); l++) {
            LayerWeights layer = w.layers().get(l);
            String p = "encoder.layer." + l + ".";
            putDense(named, p + "attention.self.query", layer.query());
            putDense(named, p + "attention.self.key", layer.key());
            putDense(named, p + "attention.self.value", layer.value());
            putDense(named, p + "attention.output.dense", layer.attentionOutput());
            putNorm(named, p + "attention.output.LayerNorm", layer.attentionNorm());
            putDense(named, p + "intermediate.dense", layer.intermediate());
            putDense(named, p + "output.dense", layer.output());
            putNorm(named, p + "output.LayerNorm", layer.outputNorm());
        }
        return named;
    }

    private static void putDense(Map<String, float[]> named, String name, DenseWeights d) {
        named.put(name + ".weight", transpose(d.weight(), d.in(), d.out())); // [in, out] → [out, in]
        named.put(name + ".bias", d.bias());
    }

    private static void putNorm(Map<String, float[]> named, String name, NormWeights n) {
        named.put(name + ".weight", n.gamma());
        named.put(name + ".bias", n.beta());
    }

    private static DenseWeights dense(Map<String, Parameter> byName, String name) {
        Parameter w = byName.get(name + ".weight"); // [out, in]
        int out = w.shape()[0], in = w.shape()[1];
        return new DenseWeights(transpose(w.value(), out, in), value(byName, name + ".bias").clone(), in, out);
    }

    private static NormWeights norm(Map<String, Parameter> byName, String name) {
        return new NormWeights(value(byName, name + ".weight").clone(), value(byName, name + ".bias").clone());
    }

    private static float[] value(Map<String, Parameter> byName, String name) {
        Parameter p = byName.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter " + name);
        return p.value();
    }

    /** a [rows, cols] → aᵀ [cols, rows]. */
    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}

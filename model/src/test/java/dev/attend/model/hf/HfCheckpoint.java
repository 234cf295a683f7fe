package dev.attend.model.hf;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;
import dev.attend.model.safetensors.SafetensorsDtype;
import dev.attend.model.safetensors.SafetensorsWriter;
import dev.attend.model.testing.BuiltInOnnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Hugging Face BERT folder in the making, as transformers' save_pretrained would write {@link BertWeights}:
 * config.json entries and named tensors, Linear weights transposed back to torch's [out, in]. Tests may edit
 * both before {@link #write}, which adds MiniLM's tokenizer.json (a BERT uncased WordPiece vocabulary).
 */
final class HfCheckpoint {

    record Tensor(long[] shape, float[] values) {}

    private static final JsonMapper JSON = new JsonMapper();

    private final ObjectNode config = JSON.createObjectNode();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final HfLayout layout;

    private HfCheckpoint(HfLayout layout) {
        this.layout = layout;
    }

    static HfCheckpoint of(BertWeights weights, HfLayout layout) {
        HfCheckpoint checkpoint = new HfCheckpoint(layout);
        checkpoint.configOf(weights.config());
        checkpoint.tensorsOf(weights);
        return checkpoint;
    }

    /** config.json, editable. */
    ObjectNode config() {
        return config;
    }

    /** The tensors by key, editable; Linear weights are [out, in]. */
    Map<String, Tensor> tensors() {
        return tensors;
    }

    /** Writes config.json, model.safetensors (floats in {@code dtype}) and tokenizer.json into {@code folder}. */
    Path write(Path folder, SafetensorsDtype dtype) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("config.json"), config.toPrettyString());
            SafetensorsWriter safetensors = new SafetensorsWriter().metadata("format", "pt");
            tensors.forEach((key, tensor) -> safetensors.add(key, dtype, tensor.values(), tensor.shape()));
            safetensors.write(folder.resolve("model.safetensors"));
            Files.copy(BuiltInOnnx.tokenizer("minilm"), folder.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configOf(BertConfig c) {
        config.putArray("architectures").add("BertModel");
        config.put("model_type", "bert")
                .put("vocab_size", c.vocabSize())
                .put("hidden_size", c.hiddenSize())
                .put("num_hidden_layers", c.numLayers())
                .put("num_attention_heads", c.numHeads())
                .put("intermediate_size", c.intermediateSize())
                .put("max_position_embeddings", c.maxPositions())
                .put("type_vocab_size", c.typeVocabSize())
                .put("layer_norm_eps", c.layerNormEps())
                .put("hidden_act", "gelu")
                .put("position_embedding_type", "absolute")
                .put("hidden_dropout_prob", 0.1)
                .put("torch_dtype", "float32");
    }

    private void tensorsOf(BertWeights w) {
        int hidden = w.config().hiddenSize();
        put("embeddings.word_embeddings.weight", w.embeddings().word(), w.config().vocabSize(), hidden);
        put("embeddings.position_embeddings.weight", w.embeddings().position(), w.config().maxPositions(), hidden);
        if (layout.tokenTypes()) {
            put("embeddings.token_type_embeddings.weight", w.embeddings().tokenType(), w.config().typeVocabSize(), hidden);
        } else {
            requireZero(w.embeddings().tokenType(), "token type table");
        }
        norm("embeddings.LayerNorm", w.embeddings().norm());
        for (int l = 0; l < w.layers().size(); l++) {
            LayerWeights layer = w.layers().get(l);
            String scope = "encoder.layer." + l + ".";
            linear(scope + "attention.self.query", layer.query());
            linear(scope + "attention.self.key", layer.key());
            linear(scope + "attention.self.value", layer.value());
            linear(scope + "attention.output.dense", layer.attentionOutput());
            norm(scope + "attention.output.LayerNorm", layer.attentionNorm());
            linear(scope + "intermediate.dense", layer.intermediate());
            linear(scope + "output.dense", layer.output());
            norm(scope + "output.LayerNorm", layer.outputNorm());
        }
        float[] pooler = new float[hidden * hidden];
        put("pooler.dense.weight", pooler, hidden, hidden); // present in BertModel checkpoints, ignored by attend
    }

    private void linear(String module, DenseWeights dense) {
        float[] torchWeight = new float[dense.in() * dense.out()]; // [out, in]
        for (int i = 0; i < dense.in(); i++) {
            for (int o = 0; o < dense.out(); o++) {
                torchWeight[o * dense.in() + i] = dense.weight()[i * dense.out() + o];
            }
        }
        put(module + ".weight", torchWeight, dense.out(), dense.in());
        bias(module + ".bias", dense.bias());
    }

    private void norm(String module, NormWeights norm) {
        put(module + (layout.gammaBetaNames() ? ".gamma" : ".weight"), norm.gamma(), norm.gamma().length);
        bias(module + (layout.gammaBetaNames() ? ".beta" : ".bias"), norm.beta());
    }

    private void bias(String key, float[] values) {
        if (layout.biases()) {
            put(key, values, values.length);
        } else {
            requireZero(values, key);
        }
    }

    private void put(String key, float[] values, long... shape) {
        tensors.put(layout.prefix() + key, new Tensor(shape, values));
    }

    private static void requireZero(float[] values, String what) {
        for (float v : values) {
            if (v != 0) {
                throw new IllegalArgumentException(what + " is left out of the checkpoint, so it must be zero");
            }
        }
    }
}

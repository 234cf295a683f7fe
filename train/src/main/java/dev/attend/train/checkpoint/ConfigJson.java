package dev.attend.train.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.model.ModelException;
import dev.attend.train.model.TransformerConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint's {@code config.json}, in Hugging Face's names (hidden_size, num_hidden_layers, ...) with
 * {@code model_type} "attend-transformer" (a post-LN encoder with a classifier at one position), the label names
 * ({@code id2label}) and the task it was trained on.
 */
final class ConfigJson {
    static final String MODEL_TYPE = "attend-transformer";
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ConfigJson() {}

    static void write(Path file, TransformerConfig c, String task, List<String> labels) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model_type", MODEL_TYPE);
        root.put("layer_norm_position", "post");
        root.put("classifier_reads", "one position per sequence");
        root.put("task", task);
        root.put("vocab_size", c.vocabSize());
        root.put("max_position_embeddings", c.maxPositions());
        root.put("hidden_size", c.hidden());
        root.put("num_hidden_layers", c.layers());
        root.put("num_attention_heads", c.heads());
        root.put("intermediate_size", c.intermediate());
        root.put("hidden_act", "gelu");
        root.put("layer_norm_eps", c.layerNormEps());
        root.put("is_causal", c.causal());
        root.put("attention_scale", c.scaled() ? "1/sqrt(head_dim)" : "none");
        root.put("num_labels", c.classes());
        ObjectNode id2label = root.putObject("id2label");
        for (int i = 0; i < labels.size(); i++) id2label.put(Integer.toString(i), labels.get(i));
        root.put("torch_dtype", "float32");
        JSON.writeValue(file.toFile(), root);
    }

    static TransformerConfig read(Path file) {
        JsonNode root = readJson(file);
        String type = root.path("model_type").asText("");
        if (!type.equals(MODEL_TYPE)) {
            throw new ModelException(file + " has model_type '" + type + "'; this needs a checkpoint of model_type " + MODEL_TYPE
                    + " (attend train --task coref|agreement|induction)");
        }
        try {
            return new TransformerConfig(integer(root, "vocab_size", file), integer(root, "max_position_embeddings", file),
                    integer(root, "hidden_size", file), integer(root, "num_hidden_layers", file),
                    integer(root, "num_attention_heads", file), integer(root, "intermediate_size", file),
                    integer(root, "num_labels", file), root.path("is_causal").asBoolean(false),
                    (float) root.path("layer_norm_eps").asDouble(1e-5), !root.path("attention_scale").asText("").equals("none"));
        } catch (IllegalArgumentException e) {
            throw new ModelException(file + ": " + e.getMessage());
        }
    }

    /** The class names of config.json's id2label, id 0 first; {@code classes} of them. */
    static List<String> labels(Path file, int classes) {
        JsonNode id2label = readJson(file).path("id2label");
        List<String> labels = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            JsonNode label = id2label.get(Integer.toString(i));
            if (label == null || !label.isTextual()) throw new ModelException(file + " has no id2label entry \"" + i + "\"");
            labels.add(label.asText());
        }
        return labels;
    }

    /** The file's JSON object; a missing, unreadable or malformed file is a {@link ModelException} of one line. */
    static JsonNode readJson(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelException(file + " is not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new ModelException(file + " is not a JSON object");
        return root;
    }

    static int integer(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt()) throw new ModelException(file + " has no integer " + field);
        return node.asInt();
    }
}

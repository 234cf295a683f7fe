package dev.attend.model.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attend.model.ModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config.json of a Hugging Face BERT model, with the defaults of transformers' BertConfig for keys it leaves
 * out. Reading it refuses what the BERT encoder would compute differently from the model: another model_type,
 * an activation other than erf GELU, relative position embeddings, causal (decoder) attention.
 *
 * @param nameOrPath {@code _name_or_path}, or "" when absent
 */
public record HfBertConfig(String nameOrPath, int vocabSize, int hiddenSize, int numLayers, int numHeads,
                           int intermediateSize, int maxPositions, int typeVocabSize, float layerNormEps) {

    private static final JsonMapper JSON = new JsonMapper();

    public static HfBertConfig read(Path configJson) {
        JsonNode root = parse(configJson);
        checkArchitecture(root, configJson);
        return new HfBertConfig(
                root.path("_name_or_path").asText(""),
                positive(root, "vocab_size", 30522, configJson),
                positive(root, "hidden_size", 768, configJson),
                positive(root, "num_hidden_layers", 12, configJson),
                positive(root, "num_attention_heads", 12, configJson),
                positive(root, "intermediate_size", 3072, configJson),
                positive(root, "max_position_embeddings", 512, configJson),
                positive(root, "type_vocab_size", 2, configJson),
                layerNormEps(root, configJson));
    }

    private static JsonNode parse(Path configJson) {
        if (!Files.isRegularFile(configJson)) {
            throw new ModelException("config file not found: " + configJson);
        }
        try {
            JsonNode root = JSON.readTree(configJson.toFile());
            if (root == null || !root.isObject()) {
                throw new ModelException(configJson + " is not a JSON object; expected a Hugging Face config.json");
            }
            return root;
        } catch (IOException e) {
            throw new ModelException("cannot read " + configJson + ": " + e.getMessage()
                    + "; expected a Hugging Face config.json", e);
        }
    }

    private static void checkArchitecture(JsonNode root, Path configJson) {
        JsonNode modelType = root.get("model_type");
        if (modelType == null) {
            JsonNode architectures = root.path("architectures");
            boolean namesBert = architectures.isArray() && !architectures.isEmpty();
            for (JsonNode architecture : architectures) {
                namesBert &= architecture.asText().startsWith("Bert");
            }
            if (!namesBert) {
                throw new ModelException(configJson + " has no model_type and no Bert architecture; attend reads"
                        + " Hugging Face folders of model_type \"bert\"");
            }
        } else if (!modelType.asText().equals("bert")) {
            throw new ModelException(configJson + ": " + UnsupportedModelTypes.message(modelType.asText()));
        }
        String activation = root.path("hidden_act").asText("gelu");
        if (!activation.equals("gelu")) {
            throw new ModelException(configJson + ": hidden_act \"" + activation + "\" is not supported yet;"
                    + " attend's BERT computes GELU with the exact erf (hidden_act \"gelu\")");
        }
        String positions = root.path("position_embedding_type").asText("absolute");
        if (!positions.equals("absolute")) {
            throw new ModelException(configJson + ": position_embedding_type \"" + positions + "\" is not supported"
                    + " yet; attend's BERT adds absolute position embeddings only");
        }
        if (root.path("is_decoder").asBoolean(false)) {
            throw new ModelException(configJson + ": is_decoder is true (causal attention), which is not supported;"
                    + " attend's BERT attends in both directions");
        }
    }

    private static int positive(JsonNode root, String key, int defaultValue, Path configJson) {
        JsonNode value = root.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() <= 0) {
            throw new ModelException(configJson + ": " + key + " is " + value + "; expected a positive integer");
        }
        return value.asInt();
    }

    private static float layerNormEps(JsonNode root, Path configJson) {
        JsonNode value = root.get("layer_norm_eps");
        if (value == null) {
            return 1e-12f;
        }
        if (!value.isNumber() || !(value.asDouble() > 0)) {
            throw new ModelException(configJson + ": layer_norm_eps is " + value + "; expected a positive number");
        }
        return (float) value.asDouble();
    }
}

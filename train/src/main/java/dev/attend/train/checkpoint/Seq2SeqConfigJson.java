package dev.attend.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import dev.attend.train.seq2seq.Seq2SeqConfig;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The config.json of a sequence-to-sequence checkpoint: {@code model_type} names the architecture
 * (attend-gru-seq2seq, attend-gru-additive-attention-seq2seq, the same with lstm, attend-transformer-seq2seq), Hugging Face's names for
 * the sizes, and what the recurrent models are made of.
 */
public final class Seq2SeqConfigJson {
    private Seq2SeqConfigJson() {}

    public static void write(Path file, Seq2SeqConfig c, String task) throws IOException {
        ObjectNode root = ConfigJson.JSON.createObjectNode();
        root.put("model_type", c.modelType());
        root.put("architecture", c.arch());
        root.put("task", task);
        root.put("vocab_size", c.vocabSize());
        root.put("hidden_size", c.hidden());
        root.put("num_hidden_layers", c.layers());
        root.put("max_source_length", c.maxLength());
        if (c.arch().equals("transformer")) {
            root.put("num_attention_heads", c.heads());
            root.put("intermediate_size", 4 * c.hidden());
            root.put("layer_norm_position", "post");
            root.put("max_position_embeddings", c.maxLength() + 1);
        } else {
            root.put("rnn_cell", c.cell());
            root.put("encoder", "unidirectional");
            root.put("attention", c.attention() ? "additive" : "none");
            root.put("num_attention_heads", c.heads());
        }
        root.put("torch_dtype", "float32");
        ConfigJson.JSON.writeValue(file.toFile(), root);
    }

    /** The config of checkpoint folder {@code checkpoint}. */
    public static Seq2SeqConfig read(Path checkpoint) {
        Path file = checkpoint.resolve(Checkpoint.CONFIG);
        JsonNode root = ConfigJson.readJson(file);
        String type = root.path("model_type").asText("");
        String arch = root.path("architecture").asText("");
        if (!type.endsWith("-seq2seq") || !Seq2SeqConfig.ARCHITECTURES.contains(arch)) {
            throw new ModelException(file + " has model_type '" + type + "'; it is not a sequence-to-sequence checkpoint");
        }
        try {
            Seq2SeqConfig config = new Seq2SeqConfig(arch, ConfigJson.integer(root, "vocab_size", file),
                    ConfigJson.integer(root, "hidden_size", file), ConfigJson.integer(root, "num_hidden_layers", file),
                    ConfigJson.integer(root, "num_attention_heads", file), ConfigJson.integer(root, "max_source_length", file));
            if (!config.modelType().equals(type)) {
                throw new ModelException(file + ": model_type '" + type + "' does not match architecture '" + arch + "'");
            }
            return config;
        } catch (IllegalArgumentException | InputException e) {
            throw new ModelException(file + ": " + e.getMessage());
        }
    }
}

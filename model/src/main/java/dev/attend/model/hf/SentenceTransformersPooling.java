package dev.attend.model.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attend.model.ModelException;
import dev.attend.model.registry.Pooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The pooling a sentence-transformers folder declares: modules.json names the Pooling module's folder
 * (usually 1_Pooling), whose config.json sets one {@code pooling_mode_*} flag. Mean and CLS pooling are
 * supported; a folder without sentence-transformers files pools by mean.
 */
final class SentenceTransformersPooling {
    private SentenceTransformersPooling() {}

    private static final JsonMapper JSON = new JsonMapper();
    private static final String POOLING_MODULE = "sentence_transformers.models.Pooling";
    private static final String MODE = "pooling_mode_";

    static Pooling of(Path folder) {
        Path config = poolingFolder(folder).resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return Pooling.MEAN;
        }
        JsonNode root = read(config);
        List<String> modes = StreamSupport.stream(root.properties().spliterator(), false)
                .filter(flag -> flag.getKey().startsWith(MODE) && flag.getValue().asBoolean(false))
                .map(flag -> flag.getKey().substring(MODE.length()))
                .toList();
        if (modes.equals(List.of("cls_token"))) {
            return Pooling.CLS;
        }
        if (modes.equals(List.of("mean_tokens"))) {
            return Pooling.MEAN;
        }
        throw new ModelException(config + " pools by " + (modes.isEmpty() ? "no mode" : String.join(" + ", modes))
                + "; attend supports one of pooling_mode_mean_tokens or pooling_mode_cls_token");
    }

    private static Path poolingFolder(Path folder) {
        Path modules = folder.resolve("modules.json");
        if (Files.isRegularFile(modules)) {
            for (JsonNode module : read(modules)) {
                String path = module.path("path").asText();
                if (module.path("type").asText().equals(POOLING_MODULE) && !path.isEmpty()) {
                    return folder.resolve(path);
                }
            }
        }
        return folder.resolve("1_Pooling");
    }

    private static JsonNode read(Path json) {
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new ModelException("cannot read " + json + ": " + e.getMessage()
                    + "; expected a sentence-transformers JSON file", e);
        }
    }
}

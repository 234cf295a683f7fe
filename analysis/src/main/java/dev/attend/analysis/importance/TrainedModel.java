package dev.attend.analysis.importance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attend.model.InputException;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.model.Transformer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model trained by `attend train`, loaded from a checkpoint or a run folder (its newest checkpoint); {@code quick}
 * says it came from a --quick run.
 */
public record TrainedModel(Transformer transformer, String task, Path checkpoint, boolean quick) {

    /** The tasks whose models can be analysed: classifiers reading one position per sentence. */
    public static final List<String> TASKS = List.of("coref", "agreement");

    /** Whether {@code path} is such a checkpoint or run: config.json says model_type "attend-transformer". */
    public static boolean recognises(Path path) {
        if (!Files.isDirectory(path)) return false;
        Path config = path.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return Checkpoint.latest(path).map(TrainedModel::recognises).orElse(false);
        }
        try {
            JsonNode node = new ObjectMapper().readTree(config.toFile());
            return "attend-transformer".equals(node.path("model_type").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TrainedModel load(Path path) {
        Checkpoint.Saved saved = Checkpoint.read(path);
        Transformer transformer = Checkpoint.loadModel(saved);
        if (!TASKS.contains(saved.state().task())) {
            throw new InputException(saved.folder() + " was trained on task " + saved.state().task()
                    + "; head importance and pruning of trained models support the tasks " + TASKS);
        }
        return new TrainedModel(transformer, saved.state().task(), saved.folder(), saved.state().quick());
    }
}

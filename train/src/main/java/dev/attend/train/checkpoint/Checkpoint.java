package dev.attend.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.model.ModelException;
import dev.attend.model.safetensors.SafetensorsFile;
import dev.attend.model.safetensors.SafetensorsTensor;
import dev.attend.train.layers.Parameter;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.optim.AdamW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A training checkpoint: a folder {@code checkpoint-NNNNNN} (the step) inside the run folder holding
 * <pre>
 * config.json            Hugging Face-style config, model_type "attend-transformer"
 * model.safetensors      the weights, F32, under Hugging Face BERT names
 * optimizer.safetensors  AdamW's moments: NAME.exp_avg and NAME.exp_avg_sq
 * trainer_state.json     task, arch, step, total steps, seed
 * vocab.txt              one token per line, line i = id i
 * </pre>
 * A checkpoint is written into a temporary folder and renamed into place, so a folder named checkpoint-NNNNNN is
 * always complete; older checkpoints of the run are then removed.
 */
public final class Checkpoint {
    static final String CONFIG = "config.json";
    static final String MODEL = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "trainer_state.json";
    static final String VOCAB = "vocab.txt";
    private static final String PREFIX = "checkpoint-";

    private Checkpoint() {}

    /** A checkpoint's config and state, read and checked; {@link #restore} loads its tensors. */
    public record Saved(Path folder, TransformerConfig config, TrainerState state) {}

    /** Writes a checkpoint's config.json. */
    @FunctionalInterface
    public interface ConfigWriter {
        void write(Path file) throws IOException;
    }

    /** Writes the checkpoint of {@code state.step()} into {@code runFolder}; returns its folder. */
    public static Path save(Path runFolder, Transformer model, AdamW optimizer, TrainerState state,
                            List<String> vocabulary, List<String> labels) {
        return save(runFolder, model.parameters(), optimizer, state, vocabulary,
                file -> ConfigJson.write(file, model.config(), state.task(), labels));
    }

    /** Writes the checkpoint of any model given by its parameters and how its config.json is written. */
    public static Path save(Path runFolder, List<Parameter> parameters, AdamW optimizer, TrainerState state,
                            List<String> vocabulary, ConfigWriter config) {
        Path target = runFolder.resolve(PREFIX + String.format("%06d", state.step()));
        Path temporary = runFolder.resolve("." + target.getFileName() + ".tmp");
        try {
            if (Files.isDirectory(target)) return target;
            deleteRecursively(temporary);
            Files.createDirectories(temporary);
            config.write(temporary.resolve(CONFIG));
            Map<String, String> step = Map.of("format", "pt", "step", Integer.toString(state.step()));
            List<SafetensorsWriter.Tensor> weights = new ArrayList<>(), moments = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                weights.add(new SafetensorsWriter.Tensor(p.name(), p.shape(), p.value()));
                moments.add(new SafetensorsWriter.Tensor(p.name() + ".exp_avg", p.shape(), optimizer.firstMoment(i)));
                moments.add(new SafetensorsWriter.Tensor(p.name() + ".exp_avg_sq", p.shape(), optimizer.secondMoment(i)));
            }
            SafetensorsWriter.write(temporary.resolve(MODEL), step, weights);
            SafetensorsWriter.write(temporary.resolve(OPTIMIZER), Map.of("step", Long.toString(optimizer.steps())), moments);
            writeState(temporary.resolve(STATE), state);
            Files.write(temporary.resolve(VOCAB), vocabulary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            for (Path old : checkpoints(runFolder)) {
                if (!old.equals(target)) deleteRecursively(old);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** The run's newest complete checkpoint, if any. */
    public static Optional<Path> latest(Path runFolder) {
        List<Path> all = checkpoints(runFolder);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** Reads and checks a checkpoint folder's config and state (a run folder means its newest checkpoint). */
    public static Saved read(Path folder) {
        Path checkpoint = resolve(folder);
        return new Saved(checkpoint, ConfigJson.read(checkpoint.resolve(CONFIG)), state(checkpoint));
    }

    /** The checkpoint folder {@code folder} names (a run folder means its newest checkpoint), its files checked. */
    public static Path resolve(Path folder) {
        if (!Files.isDirectory(folder)) throw new ModelException("checkpoint " + folder + " is not a folder");
        if (!Files.exists(folder.resolve(STATE))) {
            Optional<Path> newest = latest(folder);
            if (newest.isEmpty()) {
                throw new ModelException(folder + " is not a checkpoint (no " + STATE + ") and holds no " + PREFIX + "* folder");
            }
            folder = newest.get();
        }
        for (String file : List.of(CONFIG, MODEL, OPTIMIZER, STATE)) {
            if (!Files.isRegularFile(folder.resolve(file))) throw new ModelException("checkpoint " + folder + " has no " + file);
        }
        return folder;
    }

    /** The trainer state of a checkpoint folder. */
    public static TrainerState state(Path checkpoint) {
        return readState(checkpoint.resolve(STATE));
    }

    /** A new model of the checkpoint's config holding its weights (no optimizer state): for inference and analysis. */
    public static Transformer loadModel(Saved saved) {
        Transformer model = new Transformer(saved.config(), 0);
        List<Parameter> parameters = model.parameters();
        try (SafetensorsFile weights = SafetensorsFile.open(saved.folder().resolve(MODEL))) {
            checkStep(weights, saved.state().step());
            checkNames(weights, parameters.stream().map(Parameter::name).toList());
            for (Parameter p : parameters) copy(weights, p.name(), p.shape(), p.value());
        }
        return model;
    }

    /** The checkpoint's vocab.txt: token i is id i, as many as its config's vocabulary. */
    public static List<String> vocabulary(Saved saved) {
        Path file = saved.folder().resolve(VOCAB);
        List<String> words;
        try {
            words = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ModelException("checkpoint " + saved.folder() + " has no readable " + VOCAB + ": " + e.getMessage(), e);
        }
        if (words.size() != saved.config().vocabSize()) {
            throw new ModelException(file + " has " + words.size() + " words but config.json says vocab_size "
                    + saved.config().vocabSize());
        }
        return words;
    }

    /** The names of the classes the checkpoint's model predicts (config.json's id2label), id 0 first. */
    public static List<String> labels(Saved saved) {
        return ConfigJson.labels(saved.folder().resolve(CONFIG), saved.config().classes());
    }

    /** Loads the checkpoint's weights into {@code model} and moments into {@code optimizer}, checking every shape. */
    public static void restore(Saved saved, Transformer model, AdamW optimizer) {
        restore(saved.folder(), saved.state().step(), model.parameters(), optimizer);
    }

    /** Loads the weights of checkpoint {@code folder} (at {@code step}) into {@code parameters}, the moments into {@code optimizer}. */
    public static void restore(Path folder, int step, List<Parameter> parameters, AdamW optimizer) {
        try (SafetensorsFile weights = SafetensorsFile.open(folder.resolve(MODEL));
             SafetensorsFile moments = SafetensorsFile.open(folder.resolve(OPTIMIZER))) {
            checkStep(weights, step);
            checkNames(weights, parameters.stream().map(Parameter::name).toList());
            checkNames(moments, parameters.stream().flatMap(p -> Stream.of(p.name() + ".exp_avg", p.name() + ".exp_avg_sq")).toList());
            long optimizerSteps = parseStep(moments);
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                copy(weights, p.name(), p.shape(), p.value());
                copy(moments, p.name() + ".exp_avg", p.shape(), optimizer.firstMoment(i));
                copy(moments, p.name() + ".exp_avg_sq", p.shape(), optimizer.secondMoment(i));
            }
            optimizer.resumeAt(optimizerSteps);
        }
    }

    private static void copy(SafetensorsFile file, String name, int[] shape, float[] into) {
        SafetensorsTensor tensor = file.tensor(name).orElseThrow();
        long[] expected = Arrays.stream(shape).asLongStream().toArray();
        if (!Arrays.equals(tensor.shape(), expected)) {
            throw new ModelException(file.path() + ": tensor " + name + " has shape " + tensor.shapeText()
                    + " but the model has " + Arrays.toString(expected) + "; the checkpoint is of a different model");
        }
        float[] values = file.floats(name);
        System.arraycopy(values, 0, into, 0, into.length);
    }

    private static void checkNames(SafetensorsFile file, List<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(file.names());
        Set<String> unexpected = new HashSet<>(file.names());
        expected.forEach(unexpected::remove);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new ModelException(file.path() + " does not fit the model of its config.json: "
                    + (missing.isEmpty() ? "" : "missing " + first(missing)) + (missing.isEmpty() || unexpected.isEmpty() ? "" : ", ")
                    + (unexpected.isEmpty() ? "" : "unexpected " + first(unexpected)));
        }
    }

    private static String first(Set<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        return sorted.getFirst() + (sorted.size() > 1 ? " and " + (sorted.size() - 1) + " more" : "");
    }

    private static void checkStep(SafetensorsFile weights, int step) {
        if (parseStep(weights) != step) {
            throw new ModelException(weights.path() + " is from step " + weights.metadata().get("step") + " but "
                    + STATE + " says " + step + "; the checkpoint mixes files of different steps");
        }
    }

    private static long parseStep(SafetensorsFile file) {
        try {
            return Long.parseLong(file.metadata().getOrDefault("step", ""));
        } catch (NumberFormatException e) {
            throw new ModelException(file.path() + " has no step in its metadata; it was not written by attend train");
        }
    }

    private static void writeState(Path file, TrainerState s) throws IOException {
        ObjectNode root = ConfigJson.JSON.createObjectNode();
        root.put("task", s.task());
        root.put("arch", s.arch());
        root.put("global_step", s.step());
        root.put("total_steps", s.totalSteps());
        root.put("seed", s.seed());
        root.put("quick", s.quick());
        ConfigJson.JSON.writeValue(file.toFile(), root);
    }

    private static TrainerState readState(Path file) {
        JsonNode root = ConfigJson.readJson(file);
        if (!root.path("task").isTextual() || !root.path("arch").isTextual()
                || !root.path("seed").canConvertToLong()) {
            throw new ModelException(file + " is not a trainer state (task, arch, global_step, total_steps, seed)");
        }
        return new TrainerState(root.get("task").asText(), root.get("arch").asText(), ConfigJson.integer(root, "global_step", file),
                ConfigJson.integer(root, "total_steps", file), root.get("seed").asLong(), root.path("quick").asBoolean(false));
    }

    private static List<Path> checkpoints(Path runFolder) {
        if (!Files.isDirectory(runFolder)) return List.of();
        try (Stream<Path> files = Files.list(runFolder)) {
            return files.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(PREFIX.length()))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runFolder + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}

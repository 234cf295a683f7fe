package dev.attend.train;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.checkpoint.TrainerState;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.optim.AdamW;
import dev.attend.train.probe.ProbeRecorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A training run of any {@link TrainingTask}: trains the model, records the probes' attention every few steps, writes
 * checkpoints, and at the end lets the task evaluate on held-out data and writes {@code metrics.json}. {@link #requestStop} (e.g. from a Ctrl-C hook) ends the run after the current step
 * with a checkpoint and metrics of what was done.
 */
public final class TaskTraining implements TrainingRun {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** metrics.json's train_loss and train_accuracy average this many last steps. */
    private static final int TRAIN_WINDOW = 50;

    /** Makes the task of a --task name, full or quick. */
    @FunctionalInterface
    public interface TaskFactory {
        TrainingTask create(String name, boolean quick);
    }

    private final TrainOptions options;
    private final TaskFactory tasks;
    private volatile boolean stopRequested;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** The run of {@code options.task()} as {@link Tasks} defines it. */
    public TaskTraining(TrainOptions options) {
        this(options, Tasks::create);
    }

    /** The run with the task {@code tasks} makes (e.g. a variant of a standard task, for an experiment). */
    public TaskTraining(TrainOptions options, TaskFactory tasks) {
        this.options = options;
        this.tasks = tasks;
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until {@link #run} has returned or failed; false on timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public ObjectNode run(TrainingProgress progress) {
        try {
            return train(progress);
        } finally {
            finished.countDown();
        }
    }

    private ObjectNode train(TrainingProgress progress) {
        Checkpoint.Saved resumed = options.resume() == null ? null : Checkpoint.read(options.resume());
        boolean quick = resumed == null ? options.quick() : resumed.state().quick();
        TrainingTask task = tasks.create(options.task(), quick);
        TrainingRecipe recipe = task.recipe();
        int layers = resumed == null ? valueOr(options.layers(), task.defaultLayers()) : resumed.config().layers();
        long seed = resumed == null ? (options.seed() == null ? 1L : options.seed()) : resumed.state().seed();
        int totalSteps = valueOr(options.steps(), resumed == null ? recipe.defaultSteps() : resumed.state().totalSteps());
        TransformerConfig config = task.model(layers);
        if (resumed != null) checkResumable(resumed, config, totalSteps);
        Transformer model = new Transformer(config, seed);
        AdamW optimizer = new AdamW(recipe.adamW(), model.parameters());
        int doneSteps = 0;
        if (resumed != null) {
            Checkpoint.restore(resumed, model, optimizer);
            doneSteps = resumed.state().step();
        }
        Path out = RunFolder.prepare(options.out(), resumed != null && resumed.folder().toAbsolutePath().normalize()
                .startsWith(options.out().toAbsolutePath().normalize()));
        TrainingStep step = new TrainingStep(model, optimizer, recipe.schedule(totalSteps), recipe.maxGradientNorm());
        ProbeRecorder probes = new ProbeRecorder(out, options.task(), task.probes(), layers, config.heads(),
                resumed == null ? -1 : doneSteps);

        progress.started(doneSteps, totalSteps);
        int firstStep = doneSteps;
        long paddedTokens = 0;
        double windowLoss = 0, windowAccuracy = 0;
        int windowSteps = 0;
        List<TrainingStep.Result> recent = new ArrayList<>();
        if (doneSteps % recipe.probeEvery() == 0) probes.record(model, doneSteps, Double.NaN, Double.NaN, task.track(model));
        long start = System.nanoTime();
        while (doneSteps < totalSteps && !stopRequested) {
            Batch batch = task.trainingBatch(seed, doneSteps);
            TrainingStep.Result result = step.run(batch, doneSteps);
            doneSteps++;
            paddedTokens += (long) batch.size() * batch.tokens();
            windowLoss += result.loss();
            windowAccuracy += result.accuracy();
            windowSteps++;
            recent.add(result);
            if (recent.size() > TRAIN_WINDOW) recent.removeFirst();
            progress.step(doneSteps, result, (doneSteps - firstStep) / seconds(start));
            if (doneSteps % recipe.probeEvery() == 0 || doneSteps == totalSteps) {
                probes.record(model, doneSteps, windowLoss / windowSteps, windowAccuracy / windowSteps, task.track(model));
                windowLoss = windowAccuracy = windowSteps = 0;
            }
            if (doneSteps % recipe.checkpointEvery() == 0 && doneSteps < totalSteps) {
                save(out, model, optimizer, new TrainerState(options.task(), options.arch(), doneSteps, totalSteps, seed, quick),
                        task);
            }
        }
        double trainingSeconds = seconds(start);
        TrainerState finalState = new TrainerState(options.task(), options.arch(), doneSteps, totalSteps, seed, quick);
        Path checkpoint = save(out, model, optimizer, finalState, task);

        ObjectNode metrics = RunMetrics.of(finalState, firstStep, trainingSeconds);
        metrics.put("layers", layers);
        metrics.put("tokens_per_second", paddedTokens / trainingSeconds);
        metrics.put("batch_size", recipe.batchSize());
        metrics.put("parameters", model.parameters().stream().mapToInt(p -> p.size()).sum());
        metrics.put("train_loss", recent.stream().mapToDouble(TrainingStep.Result::loss).average().orElse(Double.NaN));
        metrics.put("train_accuracy", recent.stream().mapToDouble(TrainingStep.Result::accuracy).average().orElse(Double.NaN));
        if (doneSteps < totalSteps) {
            metrics.put("measured_on", "training batches (the run was stopped before the held-out evaluation)");
            metrics.put("loss", metrics.get("train_loss").asDouble());
            metrics.put("accuracy", metrics.get("train_accuracy").asDouble());
        } else {
            progress.evaluating();
            task.evaluate(model, metrics);
        }
        metrics.put("checkpoint", out.relativize(checkpoint).toString());
        writeAtomically(out.resolve("metrics.json"), metrics);
        return metrics;
    }

    private void checkResumable(Checkpoint.Saved saved, TransformerConfig expected, int totalSteps) {
        TrainerState state = saved.state();
        if (!state.task().equals(options.task()) || !state.arch().equals(options.arch())) {
            throw new InputException("checkpoint " + saved.folder() + " was trained on --task " + state.task() + " --arch "
                    + state.arch() + ", not --task " + options.task() + " --arch " + options.arch());
        }
        if (options.layers() != null && options.layers() != saved.config().layers()) {
            throw new InputException("checkpoint " + saved.folder() + " has " + saved.config().layers() + " layers, not --layers "
                    + options.layers() + " (leave --layers out to resume it)");
        }
        if (options.seed() != null && options.seed() != state.seed()) {
            throw new InputException("checkpoint " + saved.folder() + " was trained with --seed " + state.seed() + ", not "
                    + options.seed() + " (leave --seed out to resume it)");
        }
        if (!saved.config().equals(expected)) {
            throw new ModelException("checkpoint " + saved.folder() + " holds a model of a different shape than --task "
                    + options.task() + " trains: " + saved.config() + " vs " + expected);
        }
        if (totalSteps <= state.step()) {
            throw new InputException("checkpoint " + saved.folder() + " is at step " + state.step() + " already; ask for more"
                    + " --steps to continue it");
        }
    }

    private static Path save(Path out, Transformer model, AdamW optimizer, TrainerState state, TrainingTask task) {
        return Checkpoint.save(out, model, optimizer, state, task.vocabulary(), task.labels());
    }

    /** Writes {@code json} into a temporary file and renames it into place, so readers never see half a file. */
    public static void writeAtomically(Path file, ObjectNode json) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), json);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static double seconds(long since) {
        return Math.max(1e-9, (System.nanoTime() - since) / 1e9);
    }

    private static int valueOr(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}

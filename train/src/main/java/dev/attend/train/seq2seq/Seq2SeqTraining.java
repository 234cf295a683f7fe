package dev.attend.train.seq2seq;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import dev.attend.train.RunFolder;
import dev.attend.train.RunMetrics;
import dev.attend.train.TaskTraining;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import dev.attend.train.TrainingRecipe;
import dev.attend.train.TrainingRun;
import dev.attend.train.TrainingStep;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.checkpoint.Seq2SeqConfigJson;
import dev.attend.train.checkpoint.TrainerState;
import dev.attend.train.layers.Parameter;
import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.optim.AdamW;
import dev.attend.train.optim.GradientClipping;
import dev.attend.train.optim.LearningRateSchedule;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A training run of a sequence task (reverse, copy) with a GRU encoder-decoder, with or without additive attention, or
 * a transformer encoder-decoder: teacher-forced cross-entropy over the target tokens, AdamW, checkpoints; at the end
 * greedy decoding of the test sources and exact-match accuracy by source length into {@code metrics.json}.
 */
public final class Seq2SeqTraining implements TrainingRun {
    /** metrics.json's train_loss and train_accuracy average this many last steps. */
    private static final int TRAIN_WINDOW = 50;

    private final TrainOptions options;
    private volatile boolean stopRequested;

    public Seq2SeqTraining(TrainOptions options) {
        this.options = options;
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    @Override
    public ObjectNode run(TrainingProgress progress) {
        SequenceTask task = SequenceTask.of(options.task());
        Path resumed = options.resume() == null ? null : Checkpoint.resolve(options.resume());
        TrainerState state = resumed == null ? null : Checkpoint.state(resumed);
        boolean quick = state == null ? options.quick() : state.quick();
        Seq2SeqRecipe recipe = Seq2SeqRecipe.of(quick);
        TrainingRecipe training = recipe.training(options.arch());
        Seq2SeqConfig config = recipe.model(options.arch(), resumed == null ? options.layers()
                : (Integer) Seq2SeqConfigJson.read(resumed).layers());
        long seed = state == null ? (options.seed() == null ? 1L : options.seed()) : state.seed();
        int totalSteps = options.steps() != null ? options.steps() : state == null ? training.defaultSteps() : state.totalSteps();
        if (resumed != null) checkResumable(resumed, state, config, totalSteps);
        Seq2SeqModel model = config.create(seed);
        List<Parameter> parameters = model.parameters();
        AdamW optimizer = new AdamW(training.adamW(), parameters);
        int doneSteps = 0;
        if (resumed != null) {
            Checkpoint.restore(resumed, state.step(), parameters, optimizer);
            doneSteps = state.step();
        }
        Path out = RunFolder.prepare(options.out(), resumed != null
                && resumed.toAbsolutePath().normalize().startsWith(options.out().toAbsolutePath().normalize()));
        LearningRateSchedule schedule = training.schedule(totalSteps);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

        progress.started(doneSteps, totalSteps);
        int firstStep = doneSteps;
        long targetTokens = 0;
        Deque<TrainingStep.Result> recent = new ArrayDeque<>();
        long start = System.nanoTime();
        while (doneSteps < totalSteps && !stopRequested) {
            Seq2SeqBatch batch = SequenceData.training(task, seed, doneSteps, training.batchSize());
            parameters.forEach(Parameter::zeroGrad);
            double batchLoss = loss.forward(model.forward(batch), batch.targets(), config.vocabSize());
            double accuracy = TrainingStep.accuracy(loss.probabilities(), batch.targets(), config.vocabSize());
            model.backward(loss.backward());
            double norm = GradientClipping.clipGlobalNorm(parameters, training.maxGradientNorm());
            double lr = schedule.at(doneSteps);
            optimizer.step(parameters, lr);
            TrainingStep.Result result = new TrainingStep.Result(batchLoss, accuracy, norm, lr);
            doneSteps++;
            targetTokens += (long) batch.size() * batch.targetTokens();
            recent.addLast(result);
            if (recent.size() > TRAIN_WINDOW) recent.removeFirst();
            progress.step(doneSteps, result, (doneSteps - firstStep) / seconds(start));
            if (doneSteps % training.checkpointEvery() == 0 && doneSteps < totalSteps) {
                save(out, model, optimizer, new TrainerState(options.task(), options.arch(), doneSteps, totalSteps, seed, quick));
            }
        }
        double trainingSeconds = seconds(start);
        TrainerState finalState = new TrainerState(options.task(), options.arch(), doneSteps, totalSteps, seed, quick);
        Path checkpoint = save(out, model, optimizer, finalState);

        ObjectNode metrics = RunMetrics.of(finalState, firstStep, trainingSeconds);
        metrics.put("model_type", config.modelType());
        metrics.put("layers", config.layers());
        metrics.put("hidden_size", config.hidden());
        metrics.put("tokens_per_second", targetTokens / trainingSeconds);
        metrics.put("batch_size", training.batchSize());
        metrics.put("parameters", parameters.stream().mapToInt(Parameter::size).sum());
        metrics.put("train_loss", recent.stream().mapToDouble(TrainingStep.Result::loss).average().orElse(Double.NaN));
        metrics.put("train_token_accuracy", recent.stream().mapToDouble(TrainingStep.Result::accuracy).average().orElse(Double.NaN));
        if (doneSteps < totalSteps) {
            metrics.put("measured_on", "training batches (the run was stopped before the held-out evaluation; token accuracy)");
            metrics.put("loss", metrics.get("train_loss").asDouble());
            metrics.put("accuracy", metrics.get("train_token_accuracy").asDouble());
        } else {
            progress.evaluating();
            long evaluationStart = System.nanoTime();
            Seq2SeqEvaluation test = Seq2SeqEvaluation.of(model, task, recipe.testPerBucket());
            metrics.put("measured_on", "test (exact match of greedy decoding)");
            metrics.put("loss", test.loss());
            metrics.put("accuracy", test.accuracy());
            ObjectNode byLength = metrics.putObject("accuracy_by_length");
            test.accuracyByLength().forEach(byLength::put);
            metrics.put("test_examples", test.examples());
            metrics.put("test_examples_per_length_bucket", recipe.testPerBucket());
            metrics.put("evaluation_seconds", seconds(evaluationStart));
        }
        metrics.put("checkpoint", out.relativize(checkpoint).toString());
        TaskTraining.writeAtomically(out.resolve("metrics.json"), metrics);
        return metrics;
    }

    private void checkResumable(Path checkpoint, TrainerState state, Seq2SeqConfig expected, int totalSteps) {
        if (!state.task().equals(options.task()) || !state.arch().equals(options.arch())) {
            throw new InputException("checkpoint " + checkpoint + " was trained on --task " + state.task() + " --arch "
                    + state.arch() + ", not --task " + options.task() + " --arch " + options.arch());
        }
        if (options.seed() != null && options.seed() != state.seed()) {
            throw new InputException("checkpoint " + checkpoint + " was trained with --seed " + state.seed() + ", not "
                    + options.seed() + " (leave --seed out to resume it)");
        }
        Seq2SeqConfig saved = Seq2SeqConfigJson.read(checkpoint);
        if (!saved.equals(expected) || options.layers() != null && options.layers() != saved.layers()) {
            throw new ModelException("checkpoint " + checkpoint + " holds a model of a different shape than --task "
                    + options.task() + " --arch " + options.arch() + " trains: " + saved + " vs " + expected);
        }
        if (totalSteps <= state.step()) {
            throw new InputException("checkpoint " + checkpoint + " is at step " + state.step() + " already; ask for more"
                    + " --steps to continue it");
        }
    }

    private Path save(Path out, Seq2SeqModel model, AdamW optimizer, TrainerState state) {
        return Checkpoint.save(out, model.parameters(), optimizer, state, SequenceTask.vocabulary(),
                file -> Seq2SeqConfigJson.write(file, model.config(), options.task()));
    }

    private static double seconds(long since) {
        return Math.max(1e-9, (System.nanoTime() - since) / 1e9);
    }
}

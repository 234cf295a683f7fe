package dev.attend.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.probe.ProbeRecorder;

import java.util.List;
import java.util.Map;

/**
 * What {@link TaskTraining} needs to know about a task: the model it trains, how, on which batches, which probe
 * inputs it records, and how the trained model is evaluated on held-out data.
 */
public interface TrainingTask {

    /** The --task name, e.g. "coref". */
    String name();

    int defaultLayers();

    TrainingRecipe recipe();

    /** The model with {@code layers} blocks. */
    TransformerConfig model(int layers);

    /**
     * The training batch of step {@code step} (from 0): drawn from (seed, step) alone, so that a run resumed at any
     * step continues the same stream.
     */
    Batch trainingBatch(long seed, int step);

    /** Fixed inputs whose attention is recorded during training. */
    List<ProbeRecorder.Probe> probes();

    /** Token i is id i. */
    List<String> vocabulary();

    /** The names of the classes the model predicts. */
    List<String> labels();

    /**
     * Held-out measurements taken at every probe snapshot (e.g. the induction task's accuracy on repeated segments),
     * so that their course through training is kept beside the attention; none by default.
     */
    default Map<String, Double> track(Transformer model) {
        return Map.of();
    }

    /**
     * Measures the trained model on held-out data: puts at least {@code measured_on}, {@code loss} and
     * {@code accuracy} into {@code metrics}, plus the task's own fields.
     */
    void evaluate(Transformer model, ObjectNode metrics);

    /** The fields every task's evaluation starts with: test loss and accuracy, the validation's, the set sizes. */
    static void putHeldOut(ObjectNode metrics, double testLoss, double testAccuracy, int testSize, double validationLoss,
                           double validationAccuracy, int validationSize) {
        metrics.put("measured_on", "test");
        metrics.put("loss", testLoss);
        metrics.put("accuracy", testAccuracy);
        metrics.put("validation_loss", validationLoss);
        metrics.put("validation_accuracy", validationAccuracy);
        metrics.put("validation_examples", validationSize);
        metrics.put("test_examples", testSize);
    }
}

package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.TrainingRecipe;
import dev.attend.train.TrainingTask;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.probe.ProbeRecorder;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A task trained on a model of another shape (e.g. other head size, no 1/√d): everything else is the task's own. */
record ReshapedTask(TrainingTask task, UnaryOperator<TransformerConfig> reshape) implements TrainingTask {

    @Override public String name() {
        return task.name();
    }

    @Override public int defaultLayers() {
        return task.defaultLayers();
    }

    @Override public TrainingRecipe recipe() {
        return task.recipe();
    }

    @Override public TransformerConfig model(int layers) {
        return reshape.apply(task.model(layers));
    }

    @Override public Batch trainingBatch(long seed, int step) {
        return task.trainingBatch(seed, step);
    }

    @Override public List<ProbeRecorder.Probe> probes() {
        return task.probes();
    }

    @Override public List<String> vocabulary() {
        return task.vocabulary();
    }

    @Override public List<String> labels() {
        return task.labels();
    }

    @Override public Map<String, Double> track(Transformer model) {
        return task.track(model);
    }

    @Override public void evaluate(Transformer model, ObjectNode metrics) {
        task.evaluate(model, metrics);
    }
}

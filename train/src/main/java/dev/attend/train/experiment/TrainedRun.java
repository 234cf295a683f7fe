package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.TaskTraining;
import dev.attend.train.TrainOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One training run of an experiment: its folder (metrics.json, probes, checkpoint), metrics and learning curve. */
public record TrainedRun(String label, Path folder, JsonNode metrics, LearningCurve curve) {

    /** Trains {@code options} (the task made by {@code tasks}) into {@code options.out()}. */
    public static TrainedRun train(String label, TrainOptions options, TaskTraining.TaskFactory tasks,
                                   ExperimentProgress progress) {
        LearningCurve curve = new LearningCurve(progress.run(label));
        JsonNode metrics = new TaskTraining(options, tasks).run(curve);
        return new TrainedRun(label, options.out(), metrics, curve);
    }

    /** The probe snapshots of probes.json: step, loss, accuracy and the task's tracked values. */
    public JsonNode snapshots() {
        try {
            return ExperimentFiles.JSON.readTree(folder.resolve("probes.json").toFile()).get("snapshots");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve("probes.json") + ": " + e.getMessage(), e);
        }
    }

    /** The tracked value {@code name} of every snapshot: [steps, values]. */
    public double[][] tracked(String name) {
        JsonNode all = snapshots();
        double[][] out = new double[2][all.size()];
        for (int i = 0; i < all.size(); i++) {
            out[0][i] = all.get(i).get("step").asDouble();
            out[1][i] = all.get(i).path("tracked").path(name).asDouble(Double.NaN);
        }
        return out;
    }

    /** The curve as JSON arrays: step, loss, accuracy. */
    public ObjectNode curveJson() {
        ObjectNode node = ExperimentFiles.object();
        put(node.putArray("step"), curve.steps());
        put(node.putArray("loss"), curve.losses());
        put(node.putArray("accuracy"), curve.accuracies());
        return node;
    }

    static void put(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) array.addNull();
            else array.add(v);
        }
    }
}

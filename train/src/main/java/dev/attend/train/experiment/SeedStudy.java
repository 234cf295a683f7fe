package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.plot.Heatmap;
import dev.attend.plot.LineChart;
import dev.attend.plot.Series;
import dev.attend.train.Tasks;
import dev.attend.train.TrainOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A task's standard recipe trained once per seed, each run in {@code out/runs/seed-N}: the runs' learning curves as
 * {@code curves.csv} and the plots {@code learning-curves} (training loss and accuracy, smoothed over 10 steps).
 */
final class SeedStudy {
    private static final int SMOOTHING = 10;

    private SeedStudy() {}

    static List<TrainedRun> run(String task, Path out, boolean quick, long[] seeds, Integer steps, ExperimentProgress progress) {
        List<TrainedRun> runs = new ArrayList<>();
        for (long seed : seeds) {
            TrainOptions options = new TrainOptions(task, "transformer", null, steps, seed, out.resolve("runs").resolve("seed-" + seed),
                    quick, null);
            runs.add(TrainedRun.train("seed " + seed, options, Tasks::create, progress));
        }
        List<List<Object>> rows = new ArrayList<>();
        List<Series> loss = new ArrayList<>(), accuracy = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            LearningCurve c = runs.get(r).curve();
            for (int i = 0; i < c.steps().length; i++) {
                rows.add(List.of(seeds[r], (int) c.steps()[i], c.losses()[i], c.accuracies()[i]));
            }
            loss.add(LearningCurve.thinned("seed " + seeds[r], c.steps(), LearningCurve.smoothed(c.losses(), SMOOTHING), LearningCurve.PLOT_POINTS));
            accuracy.add(LearningCurve.thinned("seed " + seeds[r], c.steps(), LearningCurve.smoothed(c.accuracies(), SMOOTHING), LearningCurve.PLOT_POINTS));
        }
        ExperimentFiles.csv(out.resolve("curves.csv"), List.of("seed", "step", "loss", "accuracy"), rows);
        ExperimentFiles.plot(out.resolve("loss"), new LineChart(task + ": training loss (mean of 10 steps)", "step",
                "cross-entropy", loss, false, true)::write);
        ExperimentFiles.plot(out.resolve("accuracy"), new LineChart(task + ": training accuracy (mean of 10 steps)", "step",
                "accuracy", accuracy)::write);
        return runs;
    }

    /** The common part of results.json: experiment, quick, seeds and each run's headline numbers and curve. */
    static ObjectNode results(String experiment, boolean quick, List<TrainedRun> runs, String... fields) {
        ObjectNode results = ExperimentFiles.object();
        results.put("experiment", experiment);
        results.put("quick", quick);
        ArrayNode list = results.putArray("runs");
        for (TrainedRun run : runs) {
            ObjectNode node = list.addObject();
            JsonNode m = run.metrics();
            for (String field : List.of("seed", "layers", "steps", "seconds", "steps_per_second", "parameters", "loss", "accuracy")) {
                node.set(field, m.get(field));
            }
            for (String field : fields) node.set(field, m.get(field));
            node.put("folder", "runs/" + run.folder().getFileName());
            node.set("curve", run.curveJson());
        }
        return results;
    }

    /** A [layer][head] array of metrics.json as a heatmap (rows = layers). */
    static void headHeatmap(Path base, String title, JsonNode scores) {
        int layers = scores.size(), heads = scores.get(0).size();
        double[][] values = new double[layers][heads];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) values[l][h] = scores.get(l).get(h).asDouble();
        }
        ExperimentFiles.plot(base, new Heatmap(title, "head", "layer",
                IntStream.range(0, heads).mapToObj(Integer::toString).toList(),
                IntStream.range(0, layers).mapToObj(Integer::toString).toList(), values)::write);
    }
}

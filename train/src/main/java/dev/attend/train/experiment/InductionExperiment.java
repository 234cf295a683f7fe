package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.plot.LineChart;
import dev.attend.plot.Series;
import dev.attend.train.Tasks;
import dev.attend.train.TrainOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code attend experiment induction}: the induction task's attention-only model with 1 and with 2 layers, same seed,
 * data and steps (quick: 20 steps of the quick recipe). Writes results.json (per model: final metrics, the tracked
 * curves, the first step whose repeated-segment accuracy reaches 50 %, the largest rise of the training loss),
 * curves.csv (tracked values per snapshot), the plots {@code repeated-accuracy}, {@code loss}, {@code head-scores}
 * and the 2-layer model's per-head {@code previous-token} and {@code prefix-matching} heatmaps, and summary.md.
 */
public final class InductionExperiment {
    static final List<String> TRACKED = List.of("loss", "repeated_segment_loss", "repeated_segment_accuracy",
            "previous_token_score", "prefix_matching_score");
    private static final int SMOOTHING = 25;
    /** Points of each smoothed training-loss line: every 25th step of 6000 keeps the SVG small (a few hundred KB). */
    private static final int PLOT_POINTS = 240;

    private InductionExperiment() {}

    public static ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
        ExperimentFiles.prepare(out);
        List<TrainedRun> runs = new ArrayList<>();
        for (int layers : new int[] {1, 2}) {
            TrainOptions options = new TrainOptions("induction", "transformer", layers, quick ? 20 : null, 1L,
                    out.resolve("runs").resolve("layers-" + layers), quick, null);
            runs.add(TrainedRun.train(layers + (layers > 1 ? " layers" : " layer"), options, Tasks::create, progress));
        }
        ObjectNode results = SeedStudy.results("induction", quick, runs, "repeated_segment_accuracy", "repeated_segment_loss",
                "prefix_matching_score", "prefix_matching_layer", "previous_token_score", "previous_token_scores",
                "prefix_matching_scores", "chance_loss", "vocabulary", "sequence_length", "segment_length");
        List<List<Object>> rows = new ArrayList<>();
        List<Series> accuracy = new ArrayList<>(), loss = new ArrayList<>(), heads = new ArrayList<>();
        StringBuilder table = new StringBuilder("| layers | repeated-segment accuracy | repeated-segment loss | all-position loss"
                + " | best previous-token score (layer 0) | best prefix-matching score (layer 1, or the only one) | 50 % reached at"
                + " step | training time |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int r = 0; r < runs.size(); r++) {
            TrainedRun run = runs.get(r);
            JsonNode m = run.metrics();
            String name = m.get("layers").asInt() + " layer" + (m.get("layers").asInt() > 1 ? "s" : "");
            ObjectNode node = (ObjectNode) results.get("runs").get(r);
            ObjectNode tracked = node.putObject("tracked");
            double[][] values = new double[TRACKED.size()][];
            double[] steps = run.tracked(TRACKED.getFirst())[0];
            TrainedRun.put(tracked.putArray("step"), steps);
            for (int k = 0; k < TRACKED.size(); k++) {
                values[k] = run.tracked(TRACKED.get(k))[1];
                TrainedRun.put(tracked.putArray(TRACKED.get(k)), values[k]);
            }
            for (int i = 0; i < steps.length; i++) {
                List<Object> row = new ArrayList<>(List.of(m.get("layers").asInt(), (int) steps[i]));
                for (double[] v : values) row.add(v[i]);
                rows.add(row);
            }
            double[] repeated = values[TRACKED.indexOf("repeated_segment_accuracy")];
            int reached = firstAtLeast(steps, repeated, 0.5);
            if (reached < 0) node.putNull("repeated_accuracy_50_percent_step");
            else node.put("repeated_accuracy_50_percent_step", reached);
            double[] smoothed = LearningCurve.smoothed(run.curve().losses(), SMOOTHING);
            double[] rise = largestRise(smoothed);
            ObjectNode bump = node.putObject("largest_training_loss_rise");
            bump.put("rise", rise[0]);
            bump.put("from_step", (int) run.curve().steps()[(int) rise[1]]);
            bump.put("to_step", (int) run.curve().steps()[(int) rise[2]]);
            bump.put("smoothing_steps", SMOOTHING);
            for (String curve : List.of("loss", "repeated_segment_loss")) {
                double[] heldOut = values[TRACKED.indexOf(curve)];
                double[] heldOutRise = largestRise(heldOut);
                ObjectNode r2 = node.putObject("largest_held_out_" + curve + "_rise");
                r2.put("rise", heldOutRise[0]);
                r2.put("from_step", (int) steps[(int) heldOutRise[1]]);
                r2.put("to_step", (int) steps[(int) heldOutRise[2]]);
            }

            accuracy.add(new Series(name, steps, repeated));
            loss.add(LearningCurve.thinned(name + ": training loss, all positions", run.curve().steps(), smoothed, PLOT_POINTS));
            loss.add(new Series(name + ": repeated-segment loss (held out)", steps, values[TRACKED.indexOf("repeated_segment_loss")]));
            heads.add(new Series(name + ": best previous-token score, layer 0", steps, values[TRACKED.indexOf("previous_token_score")]));
            heads.add(new Series(name + ": best prefix-matching score, layer " + m.get("prefix_matching_layer").asInt(), steps,
                    values[TRACKED.indexOf("prefix_matching_score")]));
            table.append(String.format(Locale.ROOT, "| %d | %s | %.3f | %.3f | %.3f | %.3f | %s | %.0f s |%n", m.get("layers").asInt(),
                    ExperimentFiles.percent(m.get("repeated_segment_accuracy").asDouble()), m.get("repeated_segment_loss").asDouble(),
                    m.get("loss").asDouble(), m.get("previous_token_score").asDouble(), m.get("prefix_matching_score").asDouble(),
                    reached < 0 ? "never" : Integer.toString(reached), m.get("seconds").asDouble()));
        }
        List<String> header = new ArrayList<>(List.of("layers", "step"));
        header.addAll(TRACKED);
        ExperimentFiles.csv(out.resolve("curves.csv"), header, rows);
        ExperimentFiles.plot(out.resolve("repeated-accuracy"), new LineChart(
                "induction: next-token accuracy on the repeated segment (held out)", "step", "accuracy", accuracy)::write);
        ExperimentFiles.plot(out.resolve("loss"), new LineChart("induction: loss (training: mean of " + SMOOTHING + " steps)",
                "step", "cross-entropy (nats)", loss)::write);
        ExperimentFiles.plot(out.resolve("head-scores"), new LineChart("induction: head scores during training (held out)",
                "step", "mean attention weight", heads)::write);
        JsonNode two = runs.getLast().metrics();
        SeedStudy.headHeatmap(out.resolve("previous-token"), "2 layers: previous-token score per head", two.get("previous_token_scores"));
        SeedStudy.headHeatmap(out.resolve("prefix-matching"), "2 layers: prefix-matching score per head", two.get("prefix_matching_scores"));
        ExperimentFiles.json(out.resolve("results.json"), results);
        ExperimentFiles.text(out.resolve("summary.md"), String.format(Locale.ROOT, """
                # Experiment: induction heads (attention-only, 1 vs 2 layers)

                Vocabulary %d, sequences of %d tokens, a %d-token segment repeated at a random offset; chance loss %.3f nats.

                %s
                Files: results.json, curves.csv, repeated-accuracy, loss, head-scores, previous-token, prefix-matching
                (.png/.svg), runs/layers-N/.
                """, two.get("vocabulary").asInt(), two.get("sequence_length").asInt(), two.get("segment_length").asInt(),
                two.get("chance_loss").asDouble(), table));
        return results;
    }

    /** The first step whose value is ≥ {@code threshold}, or −1. */
    static int firstAtLeast(double[] steps, double[] values, double threshold) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= threshold) return (int) steps[i];
        }
        return -1;
    }

    /** The largest values[j] − min(values[0..j]): {rise, index of that minimum, j}. */
    static double[] largestRise(double[] values) {
        double[] best = {0, 0, 0};
        int lowest = 0;
        for (int j = 0; j < values.length; j++) {
            if (values[j] < values[lowest]) lowest = j;
            if (values[j] - values[lowest] > best[0]) best = new double[] {values[j] - values[lowest], lowest, j};
        }
        return best;
    }
}

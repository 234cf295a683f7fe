package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.Models;
import dev.attend.plot.LineChart;
import dev.attend.plot.Series;
import dev.attend.train.Tasks;
import dev.attend.train.TrainOptions;
import dev.attend.train.model.TransformerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code attend experiment sqrt-d}: why attention divides by √d (Vaswani et al. 2017, footnote 4), twice.
 * <ol>
 *   <li>On MiniLM's real queries and keys over 24 shipped sentences: per layer, the variance of q·k and of q·k/√d and
 *       the softmax's saturation with and without the scale ({@link ScaleStatistics}).</li>
 *   <li>The pronoun task (coref, standard recipe: 2 layers, 500 steps, batch 32) trained with one head of
 *       d_k ∈ {16, 64, 256} (hidden = d_k, MLP 4·d_k), with and without the scale, same seed and data: learning curves
 *       and test accuracy.</li>
 * </ol>
 * Quick: 3 sentences, d_k ∈ {8, 32}, 10 steps of the quick recipe.
 */
public final class SqrtDExperiment {
    private static final String SENTENCES = "sqrt-d-sentences.txt";
    private static final int SMOOTHING = 10;

    private SqrtDExperiment() {}

    public static ObjectNode run(Path out, boolean quick, String model, ExperimentProgress progress) {
        ObjectNode results = ExperimentFiles.object();
        results.put("experiment", "sqrt-d");
        results.put("quick", quick);
        List<ScaleStatistics> layers;
        try (AttentionModel loaded = Models.load(model)) { // a bad --model fails before anything is written
            ExperimentFiles.prepare(out);
            layers = realModel(loaded, quick ? sentences().subList(0, 3) : sentences(), out, results);
        }
        int[] sizes = quick ? new int[] {8, 32} : new int[] {16, 64, 256};
        StringBuilder training = training(out, quick, sizes, progress, results);
        ExperimentFiles.json(out.resolve("results.json"), results);
        StringBuilder table = new StringBuilder("| layer | var(q·k) | var(q·k/√d) | mean max weight, scaled / unscaled"
                + " | rows with max > 0.99, scaled / unscaled | entropy (nats), scaled / unscaled |\n| --- | --- | --- | --- | --- | --- |\n");
        for (ScaleStatistics s : layers) {
            table.append(String.format(Locale.ROOT, "| %d | %.1f | %.2f | %.3f / %.3f | %s / %s | %.2f / %.2f |%n", s.layer(),
                    s.rawVariance(), s.scaledVariance(), s.maxWeightScaled(), s.maxWeightUnscaled(),
                    ExperimentFiles.percent(s.saturatedScaled()), ExperimentFiles.percent(s.saturatedUnscaled()),
                    s.entropyScaled(), s.entropyUnscaled()));
        }
        ExperimentFiles.text(out.resolve("summary.md"), String.format(Locale.ROOT, """
                # Experiment: why divide by √d

                ## %s on %d sentences (d = %d; uniform attention would have entropy %.2f nats)

                %s
                Recomputed scaled softmax vs the model's weights: max |Δ| %.1e.

                ## coref trained with one head of size d_k, with and without 1/√d

                %s
                Files: results.json, minilm.csv, training.csv, curves.csv, variance, saturation, entropy, loss, final-accuracy
                (.png/.svg), runs/.
                """, results.at("/real_model/name").asText(), results.at("/real_model/sentences").asInt(), layers.getFirst().headDim(),
                layers.getFirst().meanLogLength(), table, layers.stream().mapToDouble(ScaleStatistics::maxDeviation).max().orElse(0),
                training));
        return results;
    }

    private static List<ScaleStatistics> realModel(AttentionModel model, List<String> sentences, Path out, ObjectNode results) {
        List<ScaleStatistics> layers = new ArrayList<>();
        String name = model.name();
        List<AttentionTrace> traces = new ArrayList<>();
        for (String s : sentences) traces.add(model.trace(s, new Capture(true, true, false, null)));
        for (int l = 0; l < traces.getFirst().layers(); l++) layers.add(ScaleStatistics.of(traces, l));
        ObjectNode node = results.putObject("real_model");
        node.put("name", model.name());
        node.put("sentences", sentences.size());
        node.put("tokens", traces.stream().mapToInt(AttentionTrace::queries).sum());
        node.put("head_dim", traces.getFirst().headDim());
        node.put("heads", traces.getFirst().heads());
        ArrayNode list = node.putArray("layers");
        for (ScaleStatistics s : layers) list.add(ExperimentFiles.JSON.valueToTree(s));
        List<List<Object>> rows = new ArrayList<>();
        for (ScaleStatistics s : layers) {
            rows.add(List.of(s.layer(), s.rawMean(), s.rawVariance(), s.scaledVariance(), s.maxWeightScaled(), s.maxWeightUnscaled(),
                    s.saturatedScaled(), s.saturatedUnscaled(), s.entropyScaled(), s.entropyUnscaled(), s.maxDeviation()));
        }
        ExperimentFiles.csv(out.resolve("minilm.csv"), List.of("layer", "mean_qk", "var_qk", "var_qk_over_sqrt_d",
                "mean_max_weight_scaled", "mean_max_weight_unscaled", "saturated_rows_scaled", "saturated_rows_unscaled",
                "entropy_scaled", "entropy_unscaled", "max_deviation_from_model"), rows);
        double[] x = layers.stream().mapToDouble(ScaleStatistics::layer).toArray();
        ExperimentFiles.plot(out.resolve("variance"), new LineChart(name + ": variance of the attention logits per layer", "layer",
                "variance", List.of(new Series("q·k", x, layers.stream().mapToDouble(ScaleStatistics::rawVariance).toArray()),
                new Series("q·k / √d", x, layers.stream().mapToDouble(ScaleStatistics::scaledVariance).toArray())), false, true)::write);
        ExperimentFiles.plot(out.resolve("saturation"), new LineChart(name + ": softmax saturation per layer", "layer", "fraction",
                List.of(new Series("mean max weight, with 1/√d", x, layers.stream().mapToDouble(ScaleStatistics::maxWeightScaled).toArray()),
                        new Series("mean max weight, without", x, layers.stream().mapToDouble(ScaleStatistics::maxWeightUnscaled).toArray()),
                        new Series("rows with max > 0.99, with 1/√d", x, layers.stream().mapToDouble(ScaleStatistics::saturatedScaled).toArray()),
                        new Series("rows with max > 0.99, without", x, layers.stream().mapToDouble(ScaleStatistics::saturatedUnscaled).toArray())))::write);
        ExperimentFiles.plot(out.resolve("entropy"), new LineChart(name + ": mean attention entropy per layer", "layer", "nats",
                List.of(new Series("with 1/√d", x, layers.stream().mapToDouble(ScaleStatistics::entropyScaled).toArray()),
                        new Series("without", x, layers.stream().mapToDouble(ScaleStatistics::entropyUnscaled).toArray())))::write);
        return layers;
    }

    private static StringBuilder training(Path out, boolean quick, int[] sizes, ExperimentProgress progress, ObjectNode results) {
        ArrayNode list = results.putArray("training");
        List<List<Object>> rows = new ArrayList<>(), curves = new ArrayList<>();
        List<Series> loss = new ArrayList<>(), scaledFinal = new ArrayList<>();
        double[][] finals = new double[2][sizes.length];
        StringBuilder table = new StringBuilder("| d_k | scaled: test accuracy (loss) | unscaled: test accuracy (loss) | steps to 90 % training accuracy, scaled / unscaled |\n"
                + "| --- | --- | --- | --- |\n");
        for (int i = 0; i < sizes.length; i++) {
            int dk = sizes[i];
            String[] cells = new String[2];
            String[] reached = new String[2];
            for (int variant = 0; variant < 2; variant++) {
                boolean scaled = variant == 0;
                String label = "d_k " + dk + (scaled ? " scaled" : " unscaled");
                TrainOptions options = new TrainOptions("coref", "transformer", null, quick ? 10 : null, 1L,
                        out.resolve("runs").resolve("dk-" + dk + (scaled ? "-scaled" : "-unscaled")), quick, null);
                TrainedRun run = TrainedRun.train(label, options, (name, q) -> new ReshapedTask(Tasks.create(name, q),
                        c -> new TransformerConfig(c.vocabSize(), c.maxPositions(), dk, c.layers(), 1, 4 * dk, c.classes(),
                                c.causal(), c.layerNormEps(), scaled)), progress);
                JsonNode m = run.metrics();
                double[] smoothedAccuracy = LearningCurve.smoothed(run.curve().accuracies(), SMOOTHING);
                int at = InductionExperiment.firstAtLeast(run.curve().steps(), smoothedAccuracy, 0.9);
                ObjectNode node = list.addObject();
                node.put("d_k", dk);
                node.put("scaled", scaled);
                for (String field : List.of("parameters", "steps", "seconds", "loss", "accuracy")) node.set(field, m.get(field));
                if (at < 0) node.putNull("steps_to_90_percent_training_accuracy");
                else node.put("steps_to_90_percent_training_accuracy", at);
                node.set("curve", run.curveJson());
                rows.add(List.of(dk, scaled, m.get("accuracy").asDouble(), m.get("loss").asDouble(), at));
                for (int s = 0; s < run.curve().steps().length; s++) {
                    curves.add(List.of(dk, scaled, (int) run.curve().steps()[s], run.curve().losses()[s], run.curve().accuracies()[s]));
                }
                loss.add(LearningCurve.thinned(label, run.curve().steps(), LearningCurve.smoothed(run.curve().losses(), SMOOTHING), LearningCurve.PLOT_POINTS));
                finals[variant][i] = m.get("accuracy").asDouble();
                cells[variant] = String.format(Locale.ROOT, "%s (%.3f)", ExperimentFiles.percent(m.get("accuracy").asDouble()),
                        m.get("loss").asDouble());
                reached[variant] = at < 0 ? "never" : Integer.toString(at);
            }
            table.append(String.format(Locale.ROOT, "| %d | %s | %s | %s / %s |%n", dk, cells[0], cells[1], reached[0], reached[1]));
        }
        double[] x = java.util.Arrays.stream(sizes).asDoubleStream().toArray();
        scaledFinal.add(new Series("with 1/√d", x, finals[0]));
        scaledFinal.add(new Series("without", x, finals[1]));
        ExperimentFiles.csv(out.resolve("training.csv"), List.of("d_k", "scaled", "test_accuracy", "test_loss",
                "steps_to_90_percent_training_accuracy"), rows);
        ExperimentFiles.csv(out.resolve("curves.csv"), List.of("d_k", "scaled", "step", "loss", "accuracy"), curves);
        ExperimentFiles.plot(out.resolve("loss"), new LineChart("coref, one head of size d_k: training loss (mean of 10 steps)",
                "step", "cross-entropy", loss, false, true)::write);
        ExperimentFiles.plot(out.resolve("final-accuracy"), new LineChart("coref: test accuracy after training", "d_k",
                "accuracy", scaledFinal, true, false)::write);
        return table;
    }

    /** The shipped sentences, one per line. */
    static List<String> sentences() {
        try (InputStream in = SqrtDExperiment.class.getResourceAsStream(SENTENCES)) {
            if (in == null) throw new IllegalStateException(SENTENCES + " is missing from the train module's resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SENTENCES + ": " + e.getMessage(), e);
        }
    }
}

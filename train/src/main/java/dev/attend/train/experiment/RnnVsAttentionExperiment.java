package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.plot.Heatmap;
import dev.attend.plot.LineChart;
import dev.attend.plot.Series;
import dev.attend.train.TrainOptions;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.checkpoint.Seq2SeqConfigJson;
import dev.attend.train.optim.AdamW;
import dev.attend.train.rnn.RnnSeq2Seq;
import dev.attend.train.seq2seq.Seq2SeqBatch;
import dev.attend.train.seq2seq.Seq2SeqConfig;
import dev.attend.train.seq2seq.Seq2SeqRecipe;
import dev.attend.train.seq2seq.Seq2SeqTraining;
import dev.attend.train.seq2seq.SequenceData;
import dev.attend.train.seq2seq.SequenceTask;
import dev.attend.train.TrainingRecipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code attend experiment rnn-vs-attention}: the RNN bottleneck (Bahdanau et al. 2014, Fig. 2 in miniature). The
 * reverse task (sources of 5..40 symbols over 20) trained five times with the same hidden size, steps, batches and
 * seed: GRU and LSTM encoder-decoders whose decoder sees the source only through the encoder's last state, the same
 * with additive attention over the encoder's states, and a transformer encoder-decoder. Exact-match accuracy of
 * greedy decoding by source length, learning curves, and the attention models' alignment matrices for one test source.
 */
public final class RnnVsAttentionExperiment {
    static final List<String> ARCHITECTURES = List.of("gru", "gru-attn", "lstm", "lstm-attn", "transformer");
    /** The source whose alignment is drawn: length 20, from a seed of its own. */
    private static final int ALIGNMENT_LENGTH = 20;
    /** The loss plot averages 1 % of the steps (at least 10) and draws at most this many points per curve. */
    private static final int PLOTTED_POINTS = 250;
    /** curves.csv and results.json keep every k-th step, at most this many per run. */
    private static final int KEPT_POINTS = 1000;

    private RnnVsAttentionExperiment() {}

    public static ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
        ExperimentFiles.prepare(out);
        Seq2SeqRecipe recipe = Seq2SeqRecipe.of(quick);
        TrainingRecipe training = recipe.training();
        ObjectNode results = ExperimentFiles.object();
        results.put("experiment", "rnn-vs-attention");
        results.put("quick", quick);
        results.put("task", "reverse");
        ObjectNode settings = results.putObject("settings");
        settings.put("hidden_size", recipe.hidden());
        settings.put("transformer_layers_per_stack", recipe.transformerLayers());
        settings.put("transformer_heads", recipe.heads());
        settings.put("steps", training.defaultSteps());
        settings.put("batch_size", training.batchSize());
        settings.put("peak_learning_rate_recurrent", training.peakLearningRate());
        settings.put("training_batches", "grouped by length: pools of " + SequenceData.POOL + " batches sorted by source length");
        settings.put("peak_learning_rate_transformer", recipe.transformerPeakLearningRate());
        settings.put("seed", 1);
        settings.put("test_sources_per_length_bucket", recipe.testPerBucket());
        ObjectNode byLength = results.putObject("accuracy_by_length");
        ObjectNode runs = results.putObject("runs");
        List<Series> accuracy = new ArrayList<>(), curves = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>(), curveRows = new ArrayList<>();
        double[] middles = SequenceTask.BUCKETS.stream().mapToDouble(b -> (b[0] + b[1]) / 2.0).toArray();
        StringBuilder table = new StringBuilder("| length | " + String.join(" | ", ARCHITECTURES) + " |\n| --- |"
                + " --- |".repeat(ARCHITECTURES.size()) + "\n");
        int smoothing = 10;
        for (String arch : ARCHITECTURES) {
            Path folder = out.resolve("runs").resolve(arch);
            LearningCurve curve = new LearningCurve(progress.run(arch));
            JsonNode m = new Seq2SeqTraining(new TrainOptions("reverse", arch, null, null, 1L, folder, quick, null)).run(curve);
            byLength.set(arch, m.get("accuracy_by_length"));
            ObjectNode run = runs.putObject(arch);
            for (String field : List.of("model_type", "layers", "parameters", "steps", "seconds", "evaluation_seconds",
                    "steps_per_second", "loss", "accuracy")) run.set(field, m.get(field));
            Series loss = LearningCurve.thinned("loss", curve.steps(), curve.losses(), KEPT_POINTS);
            Series tokenAccuracy = LearningCurve.thinned("accuracy", curve.steps(), curve.accuracies(), KEPT_POINTS);
            ObjectNode curveNode = run.putObject("curve");
            var stepArray = curveNode.putArray("step");
            var lossArray = curveNode.putArray("loss");
            var accuracyArray = curveNode.putArray("accuracy");
            for (int s = 0; s < loss.x().length; s++) {
                stepArray.add((int) loss.x()[s]);
                lossArray.add(loss.y()[s]);
                accuracyArray.add(tokenAccuracy.y()[s]);
            }
            double[] values = new double[middles.length];
            int k = 0;
            for (Map.Entry<String, JsonNode> e : m.get("accuracy_by_length").properties()) {
                values[k++] = e.getValue().asDouble();
                rows.add(List.of(arch, e.getKey(), e.getValue().asDouble()));
            }
            accuracy.add(new Series(arch, middles, values));
            smoothing = Math.max(10, curve.steps().length / 100);
            curves.add(LearningCurve.thinned(arch, curve.steps(), LearningCurve.smoothed(curve.losses(), smoothing), PLOTTED_POINTS));
            for (int s = 0; s < loss.x().length; s++) {
                curveRows.add(List.of(arch, (int) loss.x()[s], loss.y()[s], tokenAccuracy.y()[s]));
            }
        }
        for (int k = 0; k < middles.length; k++) {
            String bucket = SequenceTask.bucketName(SequenceTask.BUCKETS.get(k));
            table.append("| ").append(bucket).append(" |");
            for (String arch : ARCHITECTURES) {
                table.append(' ').append(ExperimentFiles.percent(byLength.get(arch).get(bucket).asDouble())).append(" |");
            }
            table.append('\n');
        }
        ExperimentFiles.csv(out.resolve("accuracy-by-length.csv"), List.of("arch", "length", "exact_match"), rows);
        ExperimentFiles.csv(out.resolve("curves.csv"), List.of("arch", "step", "loss", "token_accuracy"), curveRows);
        ExperimentFiles.plot(out.resolve("accuracy-by-length"), new LineChart("reverse: exact match of greedy decoding by source length",
                "source length (bucket middle)", "exact-match accuracy", accuracy)::write);
        ExperimentFiles.plot(out.resolve("loss"), new LineChart("reverse: training loss (mean of " + smoothing + " steps)",
                "step", "cross-entropy per target token", curves, false, true)::write);
        String decoded = alignment(out, results, "gru-attn", "alignment", "alignment");
        String decodedLstm = alignment(out, results, "lstm-attn", "alignment_lstm_attn", "alignment-lstm-attn");
        ExperimentFiles.json(out.resolve("results.json"), results);
        StringBuilder timing = new StringBuilder();
        for (String arch : ARCHITECTURES) {
            JsonNode r = runs.get(arch);
            timing.append(String.format(Locale.ROOT, "- %s: %d parameters, %d steps in %.0f s (%.2f steps/s), evaluation %.0f s,"
                            + " test loss %.3f, exact match %s overall%n", arch, r.get("parameters").asInt(), r.get("steps").asInt(),
                    r.get("seconds").asDouble(), r.get("steps_per_second").asDouble(), r.get("evaluation_seconds").asDouble(),
                    r.get("loss").asDouble(), ExperimentFiles.percent(r.get("accuracy").asDouble())));
        }
        ExperimentFiles.text(out.resolve("summary.md"), String.format(Locale.ROOT, """
                # Experiment: RNN bottleneck vs attention (reverse, lengths 5-40)

                Hidden size %d for every model, %d steps of batch %d (grouped by length), seed 1, %d test sources per length
                bucket; peak learning rate %s (GRUs, LSTMs) and %s (transformer).

                Exact match of greedy decoding by source length:

                %s
                %s
                Alignment for one source of length %d (rows: output steps): gru-attn decoded it as %s (alignment.png/.svg);
                lstm-attn as %s (alignment-lstm-attn.png/.svg).
                Files: results.json, accuracy-by-length.csv, curves.csv, accuracy-by-length, loss, alignment,
                alignment-lstm-attn (.png/.svg), runs/.
                """, recipe.hidden(), training.defaultSteps(), training.batchSize(), recipe.testPerBucket(), training.peakLearningRate(),
                recipe.transformerPeakLearningRate(), table, timing,
                ALIGNMENT_LENGTH, decoded, decodedLstm));
        return results;
    }

    /**
     * Loads the trained attention model {@code arch}, runs it teacher-forced on one held-out source of length 20 and
     * draws α as a heatmap {@code file} (rows: output steps, the reversed source and EOS; columns: source positions)
     * and into results.{@code field}. Returns the greedy decoding and whether it reproduced the reversal.
     */
    private static String alignment(Path out, ObjectNode results, String arch, String field, String file) {
        Path checkpoint = Checkpoint.resolve(out.resolve("runs").resolve(arch));
        Seq2SeqConfig config = Seq2SeqConfigJson.read(checkpoint);
        RnnSeq2Seq model = (RnnSeq2Seq) config.create(0);
        Checkpoint.restore(checkpoint, Checkpoint.state(checkpoint).step(), model.parameters(),
                new AdamW(dev.attend.train.optim.AdamWSettings.DEFAULT, model.parameters()));
        int[] source = SequenceTask.source(new SplittableRandom(20), ALIGNMENT_LENGTH);
        Seq2SeqBatch batch = SequenceData.batch(SequenceTask.REVERSE, List.of(source));
        int[] greedy = model.greedy(batch, batch.targetTokens())[0];
        model.forward(batch);
        float[] weights = model.attentionWeights(0); // [T, S]
        List<String> words = SequenceTask.vocabulary();
        int t = batch.targetTokens(), s = batch.sourceTokens();
        double[][] values = new double[t][s];
        List<String> columns = new ArrayList<>(), rows = new ArrayList<>();
        for (int j = 0; j < s; j++) columns.add(j + ":" + words.get(source[j]));
        for (int i = 0; i < t; i++) {
            rows.add(i + ":" + words.get(batch.targets()[i]));
            for (int j = 0; j < s; j++) values[i][j] = weights[i * s + j];
        }
        ExperimentFiles.plot(out.resolve(file), new Heatmap(arch + " alignment α on a reversed source of length "
                + ALIGNMENT_LENGTH + " (teacher-forced)", "source position", "output step", columns, rows, values)::write);
        StringBuilder decoded = new StringBuilder();
        for (int id : greedy) {
            decoded.append(words.get(id));
            if (id == SequenceTask.EOS) break;
            decoded.append(' ');
        }
        boolean exact = true;
        for (int i = 0; i < t; i++) exact &= greedy[i] == batch.targets()[i];
        double antiDiagonal = 0, late = 0; // α on x_{L−1−i} (the symbol output i emits), on x_{L−i} (the one it was fed)
        for (int i = 0; i < ALIGNMENT_LENGTH; i++) antiDiagonal += values[i][ALIGNMENT_LENGTH - 1 - i];
        for (int i = 1; i <= ALIGNMENT_LENGTH; i++) late += values[i][ALIGNMENT_LENGTH - i];
        ObjectNode node = results.putObject(field);
        StringBuilder src = new StringBuilder();
        for (int id : source) src.append(words.get(id)).append(' ');
        node.put("arch", arch);
        node.put("source", src.toString().strip());
        node.put("greedy_output", decoded.toString());
        node.put("exact_match", exact);
        node.put("mean_weight_on_anti_diagonal", antiDiagonal / ALIGNMENT_LENGTH);
        node.put("mean_weight_one_step_late", late / ALIGNMENT_LENGTH);
        var matrix = node.putArray("weights");
        for (double[] row : values) {
            var r = matrix.addArray();
            for (double v : row) r.add(v);
        }
        return "\"" + decoded + "\" (" + (exact ? "exact" : "not exact") + "; mean weight on the anti-diagonal "
                + String.format(Locale.ROOT, "%.2f, one step late %.2f", antiDiagonal / ALIGNMENT_LENGTH, late / ALIGNMENT_LENGTH) + ")";
    }
}

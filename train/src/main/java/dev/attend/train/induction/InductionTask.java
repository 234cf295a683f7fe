package dev.attend.train.induction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.HeadScores;
import dev.attend.train.TrainingRecipe;
import dev.attend.train.TrainingTask;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.probe.ProbeRecorder;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Induction heads ({@code --task induction}, Olsson et al. 2022): a causal, attention-only transformer predicts the
 * next token of random sequences that repeat one segment. Only the repeat is learnable; a two-layer model can solve it
 * with a previous-token head in layer 0 and an induction head in layer 1 (prefix matching), a one-layer model cannot.
 * Every probe snapshot also tracks the repeated segment's accuracy and loss and the heads' scores on fixed sequences.
 */
public record InductionTask(InductionRecipe settings) implements TrainingTask {

    public static InductionTask of(boolean quick) {
        return new InductionTask(quick ? InductionRecipe.quick() : InductionRecipe.standard());
    }

    @Override public String name() {
        return "induction";
    }

    @Override public int defaultLayers() {
        return InductionRecipe.DEFAULT_LAYERS;
    }

    @Override public TrainingRecipe recipe() {
        return settings.training();
    }

    @Override public TransformerConfig model(int layers) {
        return settings.model(layers);
    }

    @Override public Batch trainingBatch(long seed, int step) {
        return InductionData.batch(InductionData.training(settings.data(), seed, step, settings.training().batchSize()));
    }

    @Override public List<ProbeRecorder.Probe> probes() {
        return InductionData.probes(settings.data()).stream().map(e -> new ProbeRecorder.Probe(
                Arrays.stream(e.tokens()).mapToObj(InductionTask::word).toList(), e.tokens(),
                Map.of("first_copy", e.first(), "second_copy", e.second(), "segment_length", e.length()))).toList();
    }

    @Override public List<String> vocabulary() {
        return IntStream.range(0, settings.data().vocabulary()).mapToObj(InductionTask::word).toList();
    }

    @Override public List<String> labels() {
        return vocabulary();
    }

    @Override public Map<String, Double> track(Transformer model) {
        InductionEvaluation e = InductionEvaluation.of(model, InductionData.tracked(settings.data(), settings.trackedSize()));
        Map<String, Double> tracked = new LinkedHashMap<>();
        tracked.put("loss", e.loss());
        tracked.put("repeated_segment_loss", e.repeatedLoss());
        tracked.put("repeated_segment_accuracy", e.repeatedAccuracy());
        tracked.put("previous_token_score", InductionEvaluation.bestOf(e.previousToken(), 0));
        tracked.put("prefix_matching_score", InductionEvaluation.bestOf(e.prefixMatching(), inductionLayer(model)));
        return tracked;
    }

    @Override public void evaluate(Transformer model, ObjectNode metrics) {
        List<InductionExample> test = InductionData.test(settings.data(), settings.testSize());
        InductionEvaluation e = InductionEvaluation.of(model, test);
        int layer = inductionLayer(model);
        metrics.put("measured_on", "test");
        metrics.put("loss", e.loss());
        metrics.put("accuracy", e.accuracy());
        metrics.put("test_examples", test.size());
        metrics.put("attention_only", !model.config().hasMlp());
        metrics.put("vocabulary", settings.data().vocabulary());
        metrics.put("sequence_length", settings.data().tokens());
        metrics.put("segment_length", settings.data().segment());
        metrics.put("chance_loss", Math.log(settings.data().vocabulary()));
        metrics.put("repeated_segment_accuracy", e.repeatedAccuracy());
        metrics.put("repeated_segment_loss", e.repeatedLoss());
        metrics.put("previous_token_score", InductionEvaluation.bestOf(e.previousToken(), 0));
        metrics.put("prefix_matching_score", InductionEvaluation.bestOf(e.prefixMatching(), layer));
        metrics.put("prefix_matching_layer", layer);
        HeadScores.put(metrics, "previous_token_scores", e.previousToken());
        HeadScores.put(metrics, "prefix_matching_scores", e.prefixMatching());
    }

    /** Layer 1 (0-based), where an induction head sits in a two-layer model; the only layer of a one-layer model. */
    private static int inductionLayer(Transformer model) {
        return Math.min(1, model.config().layers() - 1);
    }

    private static String word(int id) {
        return "t" + id;
    }
}

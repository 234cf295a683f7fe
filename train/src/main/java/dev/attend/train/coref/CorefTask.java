package dev.attend.train.coref;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.HeadScores;
import dev.attend.train.TrainingRecipe;
import dev.attend.train.TrainingTask;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.probe.ProbeRecorder;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The pronoun task ({@code --task coref}): the classifier reads the pronoun and names the antecedent noun. Evaluated
 * on test sentences, with the positional heuristics and the best head (chosen on validation, reported on test).
 */
public record CorefTask(CorefRecipe settings) implements TrainingTask {

    public static CorefTask of(boolean quick) {
        return new CorefTask(quick ? CorefRecipe.quick() : CorefRecipe.standard());
    }

    @Override public String name() {
        return "coref";
    }

    @Override public int defaultLayers() {
        return CorefRecipe.DEFAULT_LAYERS;
    }

    @Override public TrainingRecipe recipe() {
        return settings.training();
    }

    @Override public TransformerConfig model(int layers) {
        return settings.model(layers);
    }

    @Override public Batch trainingBatch(long seed, int step) {
        return CorefData.batch(new CorefData(seed).trainingExamples(step, settings.training().batchSize()));
    }

    @Override public List<ProbeRecorder.Probe> probes() {
        return CorefData.probes().stream().map(e -> new ProbeRecorder.Probe(e.words(), e.ids(),
                Map.of("pronoun", e.pronoun(), "antecedent", e.antecedent()))).toList();
    }

    @Override public List<String> vocabulary() {
        return IntStream.range(0, Lexicon.vocabularySize()).mapToObj(Lexicon::word).toList();
    }

    @Override public List<String> labels() {
        return Lexicon.nouns();
    }

    @Override public void evaluate(Transformer model, ObjectNode metrics) {
        List<CorefExample> validation = CorefData.validation(settings.validationSize());
        List<CorefExample> test = CorefData.test(settings.testSize());
        CorefEvaluation onValidation = CorefEvaluation.of(model, validation);
        CorefEvaluation onTest = CorefEvaluation.of(model, test);
        int[] best = onValidation.bestHead();
        TrainingTask.putHeldOut(metrics, onTest.loss(), onTest.accuracy(), test.size(), onValidation.loss(),
                onValidation.accuracy(), validation.size());
        ObjectNode heuristics = metrics.putObject("heuristics");
        Heuristic bestHeuristic = null;
        for (Heuristic h : Heuristic.values()) {
            heuristics.put(h.name().toLowerCase(), h.accuracy(test));
            if (bestHeuristic == null || h.accuracy(test) > bestHeuristic.accuracy(test)) bestHeuristic = h;
        }
        metrics.put("nearest_noun_baseline", Heuristic.NEAREST_NOUN.accuracy(test));
        ObjectNode bestOfThree = metrics.putObject("best_heuristic");
        bestOfThree.put("name", bestHeuristic.name().toLowerCase());
        bestOfThree.put("accuracy", bestHeuristic.accuracy(test));
        ObjectNode head = metrics.putObject("best_head");
        head.put("layer", best[0]);
        head.put("head", best[1]);
        head.put("chosen_on", "validation");
        head.put("validation_antecedent_accuracy", onValidation.headAntecedentAccuracy()[best[0]][best[1]]);
        head.put("test_antecedent_accuracy", onTest.headAntecedentAccuracy()[best[0]][best[1]]);
        metrics.put("best_head_antecedent_accuracy", onTest.headAntecedentAccuracy()[best[0]][best[1]]);
        HeadScores.put(metrics, "head_antecedent_accuracy_validation", onValidation.headAntecedentAccuracy());
    }
}

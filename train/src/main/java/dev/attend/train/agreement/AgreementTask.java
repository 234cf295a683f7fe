package dev.attend.train.agreement;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.HeadScores;
import dev.attend.train.TrainingRecipe;
import dev.attend.train.TrainingTask;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.probe.ProbeRecorder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subject-verb agreement ({@code --task agreement}): the classifier reads the verb slot and says "is" or "are".
 * Evaluated on test sentences: accuracy overall and by number of attractors, the heuristics (nearest noun, first
 * noun, majority of nouns), and the head whose verb-slot attention most often lands on the subject.
 */
public record AgreementTask(AgreementRecipe settings) implements TrainingTask {
    /** Validation sentences measured at every probe snapshot. */
    static final int TRACKED = 200;

    public static AgreementTask of(boolean quick) {
        return new AgreementTask(quick ? AgreementRecipe.quick() : AgreementRecipe.standard());
    }

    @Override public String name() {
        return "agreement";
    }

    @Override public int defaultLayers() {
        return AgreementRecipe.DEFAULT_LAYERS;
    }

    @Override public TrainingRecipe recipe() {
        return settings.training();
    }

    @Override public TransformerConfig model(int layers) {
        return settings.model(layers);
    }

    @Override public Batch trainingBatch(long seed, int step) {
        return AgreementData.batch(AgreementData.training(seed, step, settings.training().batchSize()));
    }

    @Override public List<ProbeRecorder.Probe> probes() {
        return AgreementData.probes().stream().map(e -> new ProbeRecorder.Probe(e.words(), e.ids(),
                Map.of("verb", e.verb(), "subject", e.subject()))).toList();
    }

    @Override public List<String> vocabulary() {
        return AgreementLexicon.vocabulary();
    }

    @Override public List<String> labels() {
        return AgreementLexicon.LABELS;
    }

    /** Validation accuracy by number of attractors, on the first {@link #TRACKED} validation sentences. */
    @Override public Map<String, Double> track(Transformer model) {
        AgreementEvaluation e = AgreementEvaluation.of(model, AgreementData.validation(Math.min(TRACKED, settings.validationSize())));
        Map<String, Double> tracked = new LinkedHashMap<>();
        tracked.put("accuracy", e.accuracy());
        for (int a = 0; a < e.byAttractors().length; a++) {
            if (e.attractorCounts()[a] > 0) tracked.put("accuracy_" + a + "_attractors", e.byAttractors()[a]);
        }
        return tracked;
    }

    @Override public void evaluate(Transformer model, ObjectNode metrics) {
        List<AgreementExample> validation = AgreementData.validation(settings.validationSize());
        List<AgreementExample> test = AgreementData.test(settings.testSize());
        AgreementEvaluation onValidation = AgreementEvaluation.of(model, validation);
        AgreementEvaluation onTest = AgreementEvaluation.of(model, test);
        TrainingTask.putHeldOut(metrics, onTest.loss(), onTest.accuracy(), test.size(), onValidation.loss(),
                onValidation.accuracy(), validation.size());
        ObjectNode byAttractors = metrics.putObject("accuracy_by_attractors");
        ObjectNode counts = metrics.putObject("test_examples_by_attractors");
        for (int a = 0; a < onTest.byAttractors().length; a++) {
            if (onTest.attractorCounts()[a] > 0) byAttractors.put(Integer.toString(a), onTest.byAttractors()[a]);
            counts.put(Integer.toString(a), onTest.attractorCounts()[a]);
        }
        ObjectNode heuristics = metrics.putObject("heuristics");
        for (AgreementHeuristic h : AgreementHeuristic.values()) heuristics.put(h.name().toLowerCase(), h.accuracy(test));
        int[] best = onValidation.bestHead();
        ObjectNode head = metrics.putObject("best_head");
        head.put("layer", best[0]);
        head.put("head", best[1]);
        head.put("chosen_on", "validation");
        head.put("validation_subject_accuracy", onValidation.headSubjectAccuracy()[best[0]][best[1]]);
        head.put("test_subject_accuracy", onTest.headSubjectAccuracy()[best[0]][best[1]]);
        HeadScores.put(metrics, "head_subject_accuracy_validation", onValidation.headSubjectAccuracy());
    }
}

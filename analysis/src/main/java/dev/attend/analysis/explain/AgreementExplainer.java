package dev.attend.analysis.explain;

import dev.attend.train.agreement.AgreementData;
import dev.attend.train.agreement.AgreementExample;
import dev.attend.train.agreement.AgreementLexicon;
import dev.attend.train.agreement.AgreementModel;
import dev.attend.train.model.Batch;

import java.util.Arrays;
import java.util.List;

/**
 * The agreement model of {@code attend train --task agreement}, explained per sentence: y is the logit of the
 * predicted verb number ("is" or "are") at the [VERB] slot; blank-out writes [PAD] over a word
 * ({@link ClassifierLogit}). Not thread-safe.
 */
public final class AgreementExplainer {
    private final ClassifierLogit classifier;

    public AgreementExplainer(AgreementModel model) {
        this.classifier = new ClassifierLogit(model.model(), AgreementLexicon.id(AgreementLexicon.PAD));
    }

    /** The first {@code count} sentences of the task's fixed test set, as text. */
    public static List<String> testSentences(int count) {
        return AgreementData.test(count).stream().map(AgreementExample::text).toList();
    }

    /** A sentence of the task's words with one [VERB] slot (an InputException otherwise). */
    public ClassifierLogit.Explained explain(String sentence) {
        Batch batch = AgreementModel.batch(List.of(sentence));
        return classifier.explain(Arrays.asList(sentence.trim().split("\\s+")), batch.ids(), batch.readPositions()[0]);
    }
}

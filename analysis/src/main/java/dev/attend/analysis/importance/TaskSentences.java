package dev.attend.analysis.importance;

import dev.attend.train.agreement.AgreementData;
import dev.attend.train.agreement.AgreementRecipe;
import dev.attend.train.coref.CorefData;
import dev.attend.train.coref.CorefRecipe;
import dev.attend.train.model.Batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A trained task's own held-out sentences in batches: importance on its validation set, the pruning metric on its
 * test set, of the sizes its recipe uses (the quick recipe's for a --quick run).
 */
public record TaskSentences(List<Batch> validation, List<Batch> test, int validationSize, int testSize) {

    public static TaskSentences of(String task, boolean quick, int batch) {
        return switch (task) {
            case "coref" -> {
                CorefRecipe r = quick ? CorefRecipe.quick() : CorefRecipe.standard();
                yield new TaskSentences(batches(CorefData.validation(r.validationSize()), batch, CorefData::batch),
                        batches(CorefData.test(r.testSize()), batch, CorefData::batch), r.validationSize(), r.testSize());
            }
            case "agreement" -> {
                AgreementRecipe r = quick ? AgreementRecipe.quick() : AgreementRecipe.standard();
                yield new TaskSentences(batches(AgreementData.validation(r.validationSize()), batch, AgreementData::batch),
                        batches(AgreementData.test(r.testSize()), batch, AgreementData::batch), r.validationSize(),
                        r.testSize());
            }
            default -> throw new IllegalArgumentException("no held-out sentences for task " + task);
        };
    }

    private static <E> List<Batch> batches(List<E> examples, int size, Function<List<E>, Batch> batch) {
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += size) {
            out.add(batch.apply(examples.subList(from, Math.min(examples.size(), from + size))));
        }
        return out;
    }
}

package dev.attend.train.model;

import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.layers.SoftmaxCrossEntropyReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static dev.attend.train.layers.GradientCheck.FAST_TOLERANCE;
import static dev.attend.train.layers.GradientCheck.TWIN_TOLERANCE;
import static dev.attend.train.layers.GradientCheck.fastParameters;
import static dev.attend.train.layers.GradientCheck.randomise;
import static dev.attend.train.layers.GradientCheck.report;
import static dev.attend.train.layers.GradientCheck.twinParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole tiny transformer (2 layers, 2 heads, padded batch, classifier at one position per sequence, cross-entropy
 * with one sequence ignored; and the attention-only causal language model): every parameter's gradient of the double
 * twin against central differences, and the float32 model against the twin.
 */
class TransformerGradientTest {

    @ParameterizedTest(name = "causal={0}")
    @ValueSource(booleans = {false, true})
    void wholeModel(boolean causal) {
        TransformerConfig config = new TransformerConfig(7, 6, 8, 2, 2, 16, 3, causal, 1e-5f);
        Batch batch = new Batch(new int[] {1, 4, 2, 6, 3, 0, 5, 5, 1, 2, 0, 0, 3, 1, 4, 6, 2, 5}, 3, 6,
                new int[] {6, 4, 6}, new int[] {2, 3, 5}, new int[] {1, SoftmaxCrossEntropy.IGNORE, 2});
        check("whole transformer, causal=" + causal, config, batch);
    }

    /**
     * The induction task's model: causal, attention-only (no MLP), logits without 1/√d, and three reads per sequence
     * (one position read twice, one read ignored), as a language model reads every position.
     */
    @ParameterizedTest(name = "scaled={0}")
    @ValueSource(booleans = {true, false})
    void attentionOnlyLanguageModel(boolean scaled) {
        TransformerConfig config = new TransformerConfig(7, 6, 8, 2, 2, 0, 7, true, 1e-5f, scaled);
        int ignore = SoftmaxCrossEntropy.IGNORE;
        Batch batch = new Batch(new int[] {1, 4, 2, 6, 3, 0, 5, 5, 1, 2, 0, 0}, 2, 6, new int[] {6, 4},
                new int[] {0, 3, 3, 1, 2, 3}, new int[] {4, 3, 6, 1, ignore, 0});
        check("attention-only causal LM, scaled=" + scaled, config, batch);
    }

    private static void check(String what, TransformerConfig config, Batch batch) {
        Transformer fast = new Transformer(config, 11);
        randomise(fast.parameters(), new SplittableRandom(12), 0.4);

        TransformerReference twin = new TransformerReference(fast);
        SoftmaxCrossEntropyReference twinLoss = new SoftmaxCrossEntropyReference();
        double loss = twinLoss.forward(twin.forward(batch), batch.labels(), config.classes());
        twin.backward(twinLoss.backward());
        DoubleSupplier lossOfTwin = () -> twinLoss.forward(twin.forward(batch), batch.labels(), config.classes());
        double twinError = twinParameters(twin.parameters(), lossOfTwin);

        SoftmaxCrossEntropy fastLoss = new SoftmaxCrossEntropy();
        double lossFast = fastLoss.forward(fast.forward(batch), batch.labels(), config.classes());
        fast.backward(fastLoss.backward());
        double fastError = Math.max(Math.abs(lossFast - loss) / loss, fastParameters(fast.parameters(), twin.parameters()));

        report(what, twinError, fastError);
        assertThat(twinError).isLessThan(TWIN_TOLERANCE);
        assertThat(fastError).isLessThan(FAST_TOLERANCE);
    }
}

package dev.attend.train.model;

import dev.attend.train.layers.GradientCheck;
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

    /** The head mask ξ of every layer (a head at 0): ∂L/∂ξ of the twin vs central differences, float vs twin. */
    private static void headMask(Transformer fast, TransformerReference twin, Batch batch, TransformerConfig config) {
        double[][] xi = {{0.9, 0}, {1.1, 0.6}};
        twin.setHeadMask(xi);
        SoftmaxCrossEntropyReference twinLoss = new SoftmaxCrossEntropyReference();
        twinLoss.forward(twin.forward(batch), batch.labels(), config.classes());
        twin.backward(twinLoss.backward());
        double[] analytic = summed(twin.headMaskGradients(), batch.size());
        double[] numeric = new double[4];
        for (int i = 0; i < 4; i++) {
            double[] entry = {xi[i / 2][i % 2]};
            int at = i;
            numeric[i] = GradientCheck.numeric(entry, () -> {
                double[][] shifted = {xi[0].clone(), xi[1].clone()};
                shifted[at / 2][at % 2] = entry[0];
                twin.setHeadMask(shifted);
                return twinLoss.forward(twin.forward(batch), batch.labels(), config.classes());
            })[0];
        }
        fast.setHeadMask(new float[][] {{0.9f, 0}, {1.1f, 0.6f}});
        SoftmaxCrossEntropy fastLoss = new SoftmaxCrossEntropy();
        fastLoss.forward(fast.forward(batch), batch.labels(), config.classes());
        fast.backward(fastLoss.backward());
        float[][] fastGradients = fast.headMaskGradients();
        double[] fastSummed = summed(new double[][] {GradientCheck.widen(fastGradients[0]), GradientCheck.widen(fastGradients[1])},
                batch.size());
        double twinError = GradientCheck.relativeError(analytic, numeric);
        double fastError = GradientCheck.relativeError(fastSummed, analytic);
        report("whole transformer, head mask ξ", twinError, fastError);
        assertThat(twinError).isLessThan(TWIN_TOLERANCE);
        assertThat(fastError).isLessThan(FAST_TOLERANCE);
        fast.setHeadMask(null);
    }

    /** [layers][batch·heads] → [layers·heads], summed over the batch. */
    private static double[] summed(double[][] perItem, int batch) {
        int heads = perItem[0].length / batch;
        double[] out = new double[perItem.length * heads];
        for (int l = 0; l < perItem.length; l++) {
            for (int i = 0; i < perItem[l].length; i++) out[l * heads + i % heads] += perItem[l][i];
        }
        return out;
    }

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
        headMask(fast, twin, batch, config);
        assertThat(twinError).isLessThan(TWIN_TOLERANCE);
        assertThat(fastError).isLessThan(FAST_TOLERANCE);
    }
}

package dev.attend.train.bert;

import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertEncoder;
import dev.attend.model.registry.Pooling;
import dev.attend.model.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static dev.attend.train.layers.GradientCheck.FAST_TOLERANCE;
import static dev.attend.train.layers.GradientCheck.TWIN_TOLERANCE;
import static dev.attend.train.layers.GradientCheck.dot;
import static dev.attend.train.layers.GradientCheck.fastParameters;
import static dev.attend.train.layers.GradientCheck.normal;
import static dev.attend.train.layers.GradientCheck.numeric;
import static dev.attend.train.layers.GradientCheck.randomise;
import static dev.attend.train.layers.GradientCheck.relativeError;
import static dev.attend.train.layers.GradientCheck.report;
import static dev.attend.train.layers.GradientCheck.twinParameters;
import static dev.attend.train.layers.GradientCheck.widen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * A tiny random BERT (2 layers, 2 heads, token types, padded batch, a head mask with a switched-off head): the
 * double twin's gradients of parameters, input embeddings and ξ against central differences (< 1e-6), the float32
 * network against the twin (< 1e-3), and its forward against the engine's {@link BertEncoder} on the same weights.
 */
class BertNetworkGradientTest {
    static final BertConfig TINY = new BertConfig(13, 8, 2, 2, 16, 8, 2, 1e-5f);
    static final double[][] XI = {{0.8, 0}, {1.2, 0.5}};
    // 3 texts padded to 6 tokens, the second segment of the first text with type 1
    static final BertInput INPUT = new BertInput(new int[] {2, 7, 5, 3, 11, 3, 2, 9, 9, 3, 0, 0, 2, 4, 12, 1, 3, 0},
            new int[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 3, 6, new int[] {6, 4, 5});

    static BertNetwork tinyNetwork(long seed) {
        BertNetwork network = BertNetwork.random(TINY, seed);
        randomise(network.parameters(), new SplittableRandom(seed + 1), 0.4);
        return network;
    }

    static float[][] narrow(double[][] x) {
        float[][] f = new float[x.length][];
        for (int l = 0; l < x.length; l++) {
            f[l] = new float[x[l].length];
            for (int i = 0; i < x[l].length; i++) f[l][i] = (float) x[l][i];
        }
        return f;
    }

    /** ∂loss/∂ξ for every entry of the mask, by central differences on the twin. */
    static double[][] numericHeadMask(BertNetworkReference twin, double[][] xi, DoubleSupplier loss) {
        double[][] g = new double[xi.length][];
        for (int l = 0; l < xi.length; l++) {
            double[][] shifted = Arrays.stream(xi).map(double[]::clone).toArray(double[][]::new);
            int layer = l;
            g[l] = numeric(shifted[l], () -> {
                twin.setHeadMask(shifted);
                return loss.getAsDouble();
            });
            assertThat(shifted[layer]).containsExactly(xi[layer]);
        }
        twin.setHeadMask(xi);
        return g;
    }

    static double[] flat(double[][] x) {
        return Arrays.stream(x).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void projectionLossThroughTheWholeEncoder() {
        BertNetwork fast = tinyNetwork(21);
        float[] r = normal(new SplittableRandom(23), INPUT.rows() * TINY.hiddenSize(), 1);

        BertNetworkReference twin = new BertNetworkReference(fast);
        twin.setHeadMask(XI);
        double[] rd = widen(r);
        double[] y = twin.forward(INPUT);
        double[] dInput = twin.backward(rd);
        double[] e = twin.inputEmbeddings().clone();
        double[][] dXi = ContrastiveObjective.perLayer(twin.headMaskGradients(), INPUT.batch());
        DoubleSupplier loss = () -> dot(rd, twin.forward(INPUT));
        double parameterError = twinParameters(twin.parameters(), loss);
        double xiError = relativeError(flat(dXi), flat(numericHeadMask(twin, XI, loss)));
        twin.forward(INPUT);
        double inputError = relativeError(dInput, numeric(e, () -> dot(rd, twin.forwardFromEmbeddings(e))));
        double twinError = Math.max(parameterError, Math.max(xiError, inputError));

        fast.setHeadMask(narrow(XI));
        float[] yFast = fast.forward(INPUT);
        float[] dInputFast = fast.backward(r);
        double[][] dXiFast = ContrastiveObjective.perLayer(fast.headMaskGradients(), INPUT.batch());
        double fastError = Math.max(Math.max(relativeError(yFast, y), relativeError(dInputFast, dInput)),
                Math.max(relativeError(flat(dXiFast), flat(dXi)), fastParameters(fast.parameters(), twin.parameters())));
        assertThat(relativeError(fast.inputEmbeddings(), e)).isLessThan(1e-7);

        report("BERT encoder (tiny, head mask)", twinError, fastError);
        System.out.printf("  parameters %.2e, input embeddings %.2e, head mask %.2e%n", parameterError, inputError, xiError);
        assertThat(twinError).isLessThan(TWIN_TOLERANCE);
        assertThat(fastError).isLessThan(FAST_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void contrastiveLossHeadMaskGradient(Pooling pooling) {
        BertNetwork fast = tinyNetwork(31);
        // anchors 0, 1; their copies 2, 3 (a word dropped, two swapped); a hard negative 4 (text 0 shuffled)
        BertInput pairs = new BertInput(new int[] {2, 7, 5, 8, 3, 2, 4, 12, 6, 3, 2, 7, 8, 3, 0, 2, 12, 4, 6, 3,
                2, 8, 7, 5, 3}, new int[25], 5, 5, new int[] {5, 5, 4, 5, 5});
        double tau = 0.1;
        BertNetworkReference twin = new BertNetworkReference(fast);
        twin.setHeadMask(XI);
        ContrastiveObjective.Result exact = ContrastiveObjective.compute(twin, pairs, 2, pooling, TINY.hiddenSize(), tau);
        double[][] numericXi = numericHeadMask(twin, XI,
                () -> ContrastiveObjective.loss(twin, pairs, 2, pooling, TINY.hiddenSize(), tau));
        double twinError = relativeError(flat(exact.headMaskGradient()), flat(numericXi));

        fast.setHeadMask(narrow(XI));
        ContrastiveObjective.Result fastResult = ContrastiveObjective.compute(fast, pairs, 2, pooling, tau);
        double fastError = Math.max(Math.abs(fastResult.loss() - exact.loss()) / exact.loss(),
                relativeError(flat(fastResult.headMaskGradient()), flat(exact.headMaskGradient())));

        report("contrastive loss, ξ, " + pooling, twinError, fastError);
        assertThat(twinError).isLessThan(TWIN_TOLERANCE);
        assertThat(fastError).isLessThan(FAST_TOLERANCE);
    }

    @Test
    void forwardEqualsTheEngineOnTheSameWeights() {
        BertNetwork network = tinyNetwork(41);
        float[][] mask = {{1, 0}, {0.5f, 1}};
        network.setHeadMask(mask);
        float[] ours = network.forward(INPUT);
        // the engine takes the sequences packed without padding: [Σ lengths]
        int rows = Arrays.stream(INPUT.lengths()).sum();
        int[] ids = new int[rows], typeIds = new int[rows];
        for (int b = 0, first = 0; b < INPUT.batch(); first += INPUT.lengths()[b], b++) {
            System.arraycopy(INPUT.ids(), b * INPUT.tokens(), ids, first, INPUT.lengths()[b]);
            System.arraycopy(INPUT.typeIds(), b * INPUT.tokens(), typeIds, first, INPUT.lengths()[b]);
        }
        float[] engine = new BertEncoder(network.weights()).forward(ids, typeIds, INPUT.lengths(), mask, null);
        for (int b = 0, first = 0; b < INPUT.batch(); first += INPUT.lengths()[b], b++) {
            for (int i = 0; i < INPUT.lengths()[b] * TINY.hiddenSize(); i++) {
                int at = b * INPUT.tokens() * TINY.hiddenSize() + i;
                assertThat(ours[at]).isCloseTo(engine[first * TINY.hiddenSize() + i], offset(1e-5f));
            }
        }
        BertNetwork copy = BertNetwork.of(network.weights());
        for (int p = 0; p < copy.parameters().size(); p++) {
            assertThat(copy.parameters().get(p).value()).containsExactly(network.parameters().get(p).value());
        }
    }

    @Test
    void cosineInputGradientsMatchFiniteDifferencesOfTheTwin() {
        BertNetwork fast = tinyNetwork(51);
        TokenizedText a = text(new int[] {2, 7, 5, 8, 3}), b = text(new int[] {2, 4, 3});
        InputGradients.Pair pair = InputGradients.cosine(fast, Pooling.MEAN, a, b);

        BertInput in = BertInput.of(List.of(a, b));
        BertNetworkReference twin = new BertNetworkReference(fast);
        twin.forward(in);
        double[] e = twin.inputEmbeddings().clone();
        int hidden = TINY.hiddenSize();
        DoubleSupplier cosine = () -> {
            double[] z = new SentencePooling(Pooling.MEAN).forward(twin.forwardFromEmbeddings(e), in, hidden);
            double s = 0;
            for (int c = 0; c < hidden; c++) s += z[c] * z[hidden + c];
            return s;
        };
        assertThat(pair.cosine()).isCloseTo(cosine.getAsDouble(), offset(1e-5));
        double[] numeric = numeric(e, cosine);
        double[] first = Arrays.copyOfRange(numeric, 0, 5 * hidden);
        double[] second = Arrays.copyOfRange(numeric, 5 * hidden, 8 * hidden);
        double error = Math.max(relativeError(pair.first().gradient(), first), relativeError(pair.second().gradient(), second));
        report("cosine input gradients", 0, error);
        assertThat(error).isLessThan(FAST_TOLERANCE);
        assertThat(pair.first().gradientTimesInput()).hasSize(5);
        assertThat(pair.second().embeddings()).hasSize(3 * hidden);
    }

    private static TokenizedText text(int[] ids) {
        int n = ids.length;
        List<String> tokens = Collections.nCopies(n, "t");
        int[] none = new int[n];
        Arrays.fill(none, -1);
        return new TokenizedText(List.of("t"), ids, new int[n], tokens, none, none,
                none, n);
    }
}

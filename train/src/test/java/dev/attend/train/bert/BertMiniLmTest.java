package dev.attend.train.bert;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.Models;
import dev.attend.model.tokenize.TokenizedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.attend.train.layers.GradientCheck.FAST_TOLERANCE;
import static dev.attend.train.layers.GradientCheck.relativeError;
import static dev.attend.train.layers.GradientCheck.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real all-MiniLM-L6-v2: the rebuilt network's last hidden state against the engine's (which is itself checked
 * against ONNX Runtime in the model module), and the contrastive loss's ∂L/∂ξ on the double twin against central
 * differences for heads across the layers (relative error < 1e-4 each; float32 differences are too noisy there).
 */
class BertMiniLmTest {
    private static AttentionModel model;
    private static BertNetwork network;

    @BeforeAll
    static void load() {
        model = Models.load("minilm");
        network = BertNetwork.of(model.weights());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static List<TokenizedText> encode(String... texts) {
        return Arrays.stream(texts).map(model.tokenizer()::encode).toList();
    }

    @Test
    void lastHiddenStateEqualsTheEngine() {
        List<TokenizedText> texts = encode("The cat sat on the mat because it was tired.", "Hello world", "A b");
        float[] ours = network.forward(BertInput.of(texts)); // [3·n, 384]
        List<AttentionTrace> engine = model.traceBatch(texts, Capture.none());
        int n = texts.get(0).size(), hidden = model.config().hiddenSize();
        double worst = 0;
        for (int b = 0; b < texts.size(); b++) {
            float[] expected = engine.get(b).lastHiddenState();
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(ours[b * n * hidden + i] - expected[i]));
            }
        }
        System.out.printf("MiniLM last hidden state, rebuilt network vs engine: max |difference| %.2e%n", worst);
        assertThat(worst).isLessThan(1e-4);
    }

    @Test
    void headMaskGradientOfTheContrastiveLossMatchesFiniteDifferencesOnTheTwin() {
        BertInput pairs = BertInput.of(encode("the cat sat on the mat", "rain fell over the quiet town",
                "the cat on the mat", "rain fell the over quiet town", "mat the sat cat on the"));
        double tau = 0.05;
        int hidden = model.config().hiddenSize();
        network.setHeadMask(null);
        ContrastiveObjective.Result fast = ContrastiveObjective.compute(network, pairs, 2, model.pooling(), tau);
        BertNetworkReference twin = new BertNetworkReference(network);
        ContrastiveObjective.Result exact = ContrastiveObjective.compute(twin, pairs, 2, model.pooling(), hidden, tau);
        double fastError = relativeError(flat(fast.headMaskGradient()), flat(exact.headMaskGradient()));

        double[][] xi = new double[6][12];
        for (double[] layer : xi) Arrays.fill(layer, 1);
        double worst = 0;
        for (int[] head : new int[][] {{0, 3}, {2, 7}, {5, 11}}) {
            double step = 1e-5;
            xi[head[0]][head[1]] = 1 + step;
            twin.setHeadMask(xi);
            double plus = ContrastiveObjective.loss(twin, pairs, 2, model.pooling(), hidden, tau);
            xi[head[0]][head[1]] = 1 - step;
            twin.setHeadMask(xi);
            double minus = ContrastiveObjective.loss(twin, pairs, 2, model.pooling(), hidden, tau);
            xi[head[0]][head[1]] = 1;
            double numeric = (plus - minus) / (2 * step), analytic = exact.headMaskGradient()[head[0]][head[1]];
            double error = Math.abs(numeric - analytic) / Math.abs(numeric);
            System.out.printf("MiniLM ξ %d.%d: analytic %.6e, central differences %.6e, relative error %.2e%n",
                    head[0], head[1], analytic, numeric, error);
            worst = Math.max(worst, error);
        }
        report("MiniLM contrastive loss, ξ", worst, fastError);
        assertThat(worst).isLessThan(1e-4);
        assertThat(fastError).isLessThan(FAST_TOLERANCE);
    }

    private static double[] flat(double[][] x) {
        return Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray();
    }
}

package dev.attend.train.layers;

import org.junit.jupiter.api.Test;

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

/**
 * Every layer: the double twin's backward against central differences of the projection loss Σ r·y (relative
 * error < 1e-6), and the float32 layer's output and gradients against the twin's (< 1e-3).
 */
class LayerGradientTest {

    private static void check(String what, double twinError, double fastError) {
        report(what, twinError, fastError);
        assertThat(twinError).as(what + ": twin vs finite differences").isLessThan(TWIN_TOLERANCE);
        assertThat(fastError).as(what + ": float vs twin").isLessThan(FAST_TOLERANCE);
    }

    @Test
    void linear() {
        SplittableRandom random = new SplittableRandom(1);
        int rows = 5, in = 7, out = 4;
        Linear fast = new Linear("dense", in, out, random, 0.5);
        randomise(fast.parameters(), random, 0.5);
        float[] x = normal(random, rows * in, 1), r = normal(random, rows * out, 1);

        LinearReference twin = new LinearReference(fast);
        double[] xd = widen(x), rd = widen(r);
        double[] y = twin.forward(xd, rows);
        double[] dx = twin.backward(rd);
        DoubleSupplier loss = () -> dot(rd, twin.forward(xd, rows));
        double twinError = Math.max(twinParameters(twin.parameters(), loss), relativeError(dx, numeric(xd, loss)));

        float[] yFast = fast.forward(x, rows);
        float[] dxFast = fast.backward(r);
        double fastError = max(relativeError(yFast, y), relativeError(dxFast, dx),
                fastParameters(fast.parameters(), twin.parameters()));
        check("linear", twinError, fastError);
    }

    @Test
    void tokenAndPositionEmbedding() {
        SplittableRandom random = new SplittableRandom(2);
        int vocab = 6, positions = 5, hidden = 4, tokens = 4;
        int[] ids = {1, 5, 1, 0, 3, 3, 2, 5}; // [2, 4], repeated ids add up
        Embedding fast = new Embedding("embeddings", vocab, positions, hidden, random, 1);
        float[] r = normal(random, ids.length * hidden, 1);

        EmbeddingReference twin = new EmbeddingReference(fast);
        double[] rd = widen(r);
        double[] y = twin.forward(ids, tokens);
        twin.backward(rd);
        double twinError = twinParameters(twin.parameters(), () -> dot(rd, twin.forward(ids, tokens)));

        float[] yFast = fast.forward(ids, tokens);
        fast.backward(r);
        check("token + position embedding", twinError,
                Math.max(relativeError(yFast, y), fastParameters(fast.parameters(), twin.parameters())));
    }

    @Test
    void layerNorm() {
        SplittableRandom random = new SplittableRandom(3);
        int rows = 4, hidden = 8;
        LayerNormalization fast = new LayerNormalization("norm", hidden, 1e-5f);
        randomise(fast.parameters(), random, 0.5);
        float[] x = normal(random, rows * hidden, 2), r = normal(random, rows * hidden, 1);
        for (int i = 0; i < hidden; i++) x[i] += 3; // a row far from zero mean

        LayerNormalizationReference twin = new LayerNormalizationReference(fast);
        double[] xd = widen(x), rd = widen(r);
        double[] y = twin.forward(xd, rows);
        double[] dx = twin.backward(rd);
        DoubleSupplier loss = () -> dot(rd, twin.forward(xd, rows));
        double twinError = Math.max(twinParameters(twin.parameters(), loss), relativeError(dx, numeric(xd, loss)));

        float[] yFast = fast.forward(x, rows);
        float[] dxFast = fast.backward(r);
        check("layer norm", twinError, max(relativeError(yFast, y), relativeError(dxFast, dx),
                fastParameters(fast.parameters(), twin.parameters())));
    }

    @Test
    void gelu() {
        SplittableRandom random = new SplittableRandom(4);
        float[] x = normal(random, 40, 2);
        x[0] = 0;
        x[1] = -6;
        x[2] = 5;
        x[3] = 1e-4f;
        float[] r = normal(random, x.length, 1);

        GeluActivationReference twin = new GeluActivationReference();
        double[] xd = widen(x), rd = widen(r);
        double[] y = twin.forward(xd);
        double[] dx = twin.backward(rd);
        double twinError = relativeError(dx, numeric(xd, () -> dot(rd, twin.forward(xd))));

        GeluActivation fast = new GeluActivation();
        float[] yFast = fast.forward(x);
        float[] dxFast = fast.backward(r);
        check("gelu", twinError, Math.max(relativeError(yFast, y), relativeError(dxFast, dx)));
    }

    @Test
    void mlp() {
        SplittableRandom random = new SplittableRandom(5);
        int rows = 4, hidden = 6, intermediate = 12;
        Mlp fast = new Mlp("layer", hidden, intermediate, random, 0.5);
        randomise(fast.parameters(), random, 0.5);
        float[] x = normal(random, rows * hidden, 1), r = normal(random, rows * hidden, 1);

        MlpReference twin = new MlpReference(fast);
        double[] xd = widen(x), rd = widen(r);
        double[] y = twin.forward(xd, rows);
        double[] dx = twin.backward(rd);
        DoubleSupplier loss = () -> dot(rd, twin.forward(xd, rows));
        double twinError = Math.max(twinParameters(twin.parameters(), loss), relativeError(dx, numeric(xd, loss)));

        float[] yFast = fast.forward(x, rows);
        float[] dxFast = fast.backward(r);
        check("mlp (linear, gelu, linear)", twinError, max(relativeError(yFast, y), relativeError(dxFast, dx),
                fastParameters(fast.parameters(), twin.parameters())));
    }

    @Test
    void bidirectionalSelfAttentionWithPadding() {
        selfAttention("self-attention, padding", false, true, new int[] {5, 3});
    }

    @Test
    void causalSelfAttentionWithPadding() {
        selfAttention("self-attention, causal + padding", true, true, new int[] {5, 2});
    }

    /** softmax(Q·Kᵀ) without 1/√d, as the √d experiment trains it. */
    @Test
    void unscaledSelfAttention() {
        selfAttention("self-attention, causal + padding, no 1/√d", true, false, new int[] {5, 3});
    }

    private void selfAttention(String what, boolean causal, boolean scaled, int[] lengths) {
        SplittableRandom random = new SplittableRandom(6);
        int batch = 2, tokens = 5, hidden = 8, heads = 2;
        Attention fast = new Attention("attention", hidden, heads, causal, scaled, random, 0.6);
        randomise(fast.parameters(), random, 0.6);
        float[] x = normal(random, batch * tokens * hidden, 1), r = normal(random, batch * tokens * hidden, 1);

        AttentionReference twin = new AttentionReference(fast);
        double[] xd = widen(x), rd = widen(r);
        double[] y = twin.forward(xd, batch, tokens, lengths);
        AttentionReference.Gradients g = twin.backward(rd);
        double[] dx = sum(g.input(), g.memory());
        DoubleSupplier loss = () -> dot(rd, twin.forward(xd, batch, tokens, lengths));
        double twinError = Math.max(twinParameters(twin.parameters(), loss), relativeError(dx, numeric(xd, loss)));

        float[] yFast = fast.forward(x, batch, tokens, lengths);
        Attention.Gradients gFast = fast.backward(r);
        float[] dxFast = new float[x.length];
        for (int i = 0; i < x.length; i++) dxFast[i] = gFast.input()[i] + gFast.memory()[i];
        check(what, twinError, max(relativeError(yFast, y), relativeError(dxFast, dx),
                fastParameters(fast.parameters(), twin.parameters())));
    }

    /** ξ = (0.7, 0, 1.3): the head mask's own gradient per batch item, and everything else through a masked layer. */
    @Test
    void selfAttentionWithHeadMask() {
        SplittableRandom random = new SplittableRandom(9);
        int batch = 2, tokens = 4, hidden = 6, heads = 3;
        int[] lengths = {4, 3};
        double[] xi = {0.7, 0, 1.3};
        Attention fast = new Attention("attention", hidden, heads, false, random, 0.6);
        randomise(fast.parameters(), random, 0.6);
        float[] x = normal(random, batch * tokens * hidden, 1), r = normal(random, batch * tokens * hidden, 1);

        AttentionReference twin = new AttentionReference(fast);
        twin.setHeadMask(xi);
        double[] xd = widen(x), rd = widen(r);
        double[] y = twin.forward(xd, batch, tokens, lengths);
        AttentionReference.Gradients g = twin.backward(rd);
        double[] dx = sum(g.input(), g.memory());
        double[] dXi = twin.headMaskGradients();
        DoubleSupplier loss = () -> dot(rd, twin.forward(xd, batch, tokens, lengths));
        double[] numericXi = new double[heads];
        for (int h = 0; h < heads; h++) {
            int head = h;
            double[] one = {xi[h]};
            numericXi[h] = numeric(one, () -> {
                double[] shifted = xi.clone();
                shifted[head] = one[0];
                twin.setHeadMask(shifted);
                return loss.getAsDouble();
            })[0];
        }
        twin.setHeadMask(xi);
        double[] summedXi = new double[heads];
        for (int i = 0; i < dXi.length; i++) summedXi[i % heads] += dXi[i];
        double twinError = max(twinParameters(twin.parameters(), loss), relativeError(dx, numeric(xd, loss)),
                relativeError(summedXi, numericXi));

        fast.setHeadMask(new float[] {0.7f, 0f, 1.3f});
        float[] yFast = fast.forward(x, batch, tokens, lengths);
        Attention.Gradients gFast = fast.backward(r);
        float[] dxFast = new float[x.length];
        for (int i = 0; i < x.length; i++) dxFast[i] = gFast.input()[i] + gFast.memory()[i];
        check("self-attention, head mask", twinError, max(relativeError(yFast, y), relativeError(dxFast, dx),
                relativeError(fast.headMaskGradients(), dXi), fastParameters(fast.parameters(), twin.parameters())));
        assertThat(numericXi[1]).as("a switched-off head still has a gradient").isNotZero();
    }

    @Test
    void crossAttentionWithPaddedMemory() {
        SplittableRandom random = new SplittableRandom(7);
        int batch = 2, tokens = 3, memoryTokens = 6, hidden = 8, heads = 2;
        int[] keyLengths = {6, 4};
        Attention fast = new Attention("crossattention", hidden, heads, false, random, 0.6);
        randomise(fast.parameters(), random, 0.6);
        float[] x = normal(random, batch * tokens * hidden, 1);
        float[] memory = normal(random, batch * memoryTokens * hidden, 1);
        float[] r = normal(random, batch * tokens * hidden, 1);

        AttentionReference twin = new AttentionReference(fast);
        double[] xd = widen(x), md = widen(memory), rd = widen(r);
        double[] y = twin.forward(xd, tokens, md, memoryTokens, batch, keyLengths);
        AttentionReference.Gradients g = twin.backward(rd);
        DoubleSupplier loss = () -> dot(rd, twin.forward(xd, tokens, md, memoryTokens, batch, keyLengths));
        double twinError = max(twinParameters(twin.parameters(), loss), relativeError(g.input(), numeric(xd, loss)),
                relativeError(g.memory(), numeric(md, loss)));

        float[] yFast = fast.forward(x, tokens, memory, memoryTokens, batch, keyLengths);
        Attention.Gradients gFast = fast.backward(r);
        check("cross-attention, padded memory", twinError, max(relativeError(yFast, y),
                relativeError(gFast.input(), g.input()), relativeError(gFast.memory(), g.memory()),
                fastParameters(fast.parameters(), twin.parameters())));
        for (int i = 2 * memoryTokens * hidden - 2 * hidden; i < gFast.memory().length; i++) {
            assertThat(gFast.memory()[i]).as("padded memory rows get no gradient").isZero();
        }
    }

    @Test
    void softmaxCrossEntropyIgnoresMaskedRows() {
        SplittableRandom random = new SplittableRandom(8);
        int rows = 5, classes = 4;
        int[] targets = {2, SoftmaxCrossEntropy.IGNORE, 0, 3, SoftmaxCrossEntropy.IGNORE};
        float[] logits = normal(random, rows * classes, 3);

        SoftmaxCrossEntropyReference twin = new SoftmaxCrossEntropyReference();
        double[] ld = widen(logits);
        double loss = twin.forward(ld, targets, classes);
        double[] dLogits = twin.backward();
        double twinError = relativeError(dLogits, numeric(ld, () -> twin.forward(ld, targets, classes)));

        SoftmaxCrossEntropy fast = new SoftmaxCrossEntropy();
        double fastLoss = fast.forward(logits, targets, classes);
        float[] dFast = fast.backward();
        check("softmax cross-entropy", twinError,
                Math.max(Math.abs(fastLoss - loss) / loss, relativeError(dFast, dLogits)));
        for (int c = 0; c < classes; c++) {
            assertThat(dFast[classes + c]).isZero();
            assertThat(dFast[4 * classes + c]).isZero();
        }
    }

    private static double max(double... values) {
        double m = 0;
        for (double v : values) m = Math.max(m, v);
        return m;
    }

    private static double[] sum(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < s.length; i++) s[i] = a[i] + b[i];
        return s;
    }
}

package dev.attend.train.bert;

import dev.attend.model.registry.Pooling;

import java.util.Arrays;

/**
 * The contrastive objective on a BERT encoder: B texts and their perturbed copies run as one batch of 2B (texts
 * first), each pooled the model's own way, then {@link ContrastiveLoss} with the texts as anchors and the copies
 * as positives. {@code compute} runs forward and backward and returns the loss with ∂L/∂ξ summed over the batch
 * [layers][heads]; the fast path and the double twin share the pooling and the loss (both in double).
 */
public final class ContrastiveObjective {

    public record Result(double loss, double[][] headMaskGradient) {}

    private ContrastiveObjective() {}

    /** {@code pairs}: texts [0, B) and their copies [B, 2B). */
    public static Result compute(BertNetwork network, BertInput pairs, Pooling pooling, double temperature) {
        int hidden = network.config().hiddenSize();
        SentencePooling pool = new SentencePooling(pooling);
        double[] z = pool.forward(widen(network.forward(pairs)), pairs, hidden);
        ContrastiveLoss.Result loss = loss(z, pairs.batch() / 2, hidden, temperature);
        network.backward(narrow(pool.backward(concat(loss.dAnchors(), loss.dPositives()))));
        return new Result(loss.loss(), perLayer(network.headMaskGradients(), pairs.batch()));
    }

    public static Result compute(BertNetworkReference network, BertInput pairs, Pooling pooling, int hidden,
                                 double temperature) {
        SentencePooling pool = new SentencePooling(pooling);
        double[] z = pool.forward(network.forward(pairs), pairs, hidden);
        ContrastiveLoss.Result loss = loss(z, pairs.batch() / 2, hidden, temperature);
        network.backward(pool.backward(concat(loss.dAnchors(), loss.dPositives())));
        return new Result(loss.loss(), perLayer(network.headMaskGradients(), pairs.batch()));
    }

    /** The loss alone on the twin (for finite differences). */
    public static double loss(BertNetworkReference network, BertInput pairs, Pooling pooling, int hidden,
                              double temperature) {
        double[] z = new SentencePooling(pooling).forward(network.forward(pairs), pairs, hidden);
        return loss(z, pairs.batch() / 2, hidden, temperature).loss();
    }

    private static ContrastiveLoss.Result loss(double[] z, int batch, int hidden, double temperature) {
        double[] anchors = Arrays.copyOfRange(z, 0, batch * hidden);
        double[] positives = Arrays.copyOfRange(z, batch * hidden, 2 * batch * hidden);
        return ContrastiveLoss.compute(anchors, positives, batch, hidden, temperature);
    }

    /** Per-item gradients [layers][batch·heads] → summed over the batch [layers][heads]. */
    static double[][] perLayer(float[][] perItem, int batch) {
        double[][] wide = new double[perItem.length][];
        for (int l = 0; l < wide.length; l++) wide[l] = widen(perItem[l]);
        return perLayer(wide, batch);
    }

    static double[][] perLayer(double[][] perItem, int batch) {
        double[][] out = new double[perItem.length][];
        for (int l = 0; l < perItem.length; l++) {
            int heads = perItem[l].length / batch;
            out[l] = new double[heads];
            for (int i = 0; i < perItem[l].length; i++) out[l][i % heads] += perItem[l][i];
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    static float[] narrow(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
        return f;
    }
}

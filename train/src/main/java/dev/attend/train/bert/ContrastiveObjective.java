package dev.attend.train.bert;

import dev.attend.model.registry.Pooling;

import java.util.Arrays;

/**
 * The contrastive objective on a BERT encoder: B anchor texts followed by M ≥ B candidates (the first B the
 * anchors' positives, e.g. perturbed copies, then any hard negatives) run as one batch, each pooled the model's own
 * way, then {@link ContrastiveLoss}. {@code compute} runs forward and backward and returns the loss with ∂L/∂ξ summed over the batch
 * [layers][heads]; the fast path and the double twin share the pooling and the loss (both in double).
 */
public final class ContrastiveObjective {

    public record Result(double loss, double[][] headMaskGradient) {}

    private ContrastiveObjective() {}

    /** {@code texts}: the B anchors [0, B), then the candidates [B, B + M). */
    public static Result compute(BertNetwork network, BertInput texts, int anchors, Pooling pooling, double temperature) {
        int hidden = network.config().hiddenSize();
        SentencePooling pool = new SentencePooling(pooling);
        double[] z = pool.forward(widen(network.forward(texts)), texts, hidden);
        ContrastiveLoss.Result loss = loss(z, anchors, hidden, temperature);
        network.backward(narrow(pool.backward(concat(loss.dAnchors(), loss.dCandidates()))));
        return new Result(loss.loss(), perLayer(network.headMaskGradients(), texts.batch()));
    }

    public static Result compute(BertNetworkReference network, BertInput texts, int anchors, Pooling pooling, int hidden,
                                 double temperature) {
        SentencePooling pool = new SentencePooling(pooling);
        double[] z = pool.forward(network.forward(texts), texts, hidden);
        ContrastiveLoss.Result loss = loss(z, anchors, hidden, temperature);
        network.backward(pool.backward(concat(loss.dAnchors(), loss.dCandidates())));
        return new Result(loss.loss(), perLayer(network.headMaskGradients(), texts.batch()));
    }

    /** The loss alone on the twin (for finite differences). */
    public static double loss(BertNetworkReference network, BertInput texts, int anchors, Pooling pooling, int hidden,
                              double temperature) {
        double[] z = new SentencePooling(pooling).forward(network.forward(texts), texts, hidden);
        return loss(z, anchors, hidden, temperature).loss();
    }

    private static ContrastiveLoss.Result loss(double[] z, int anchors, int hidden, double temperature) {
        double[] a = Arrays.copyOfRange(z, 0, anchors * hidden);
        double[] candidates = Arrays.copyOfRange(z, anchors * hidden, z.length);
        return ContrastiveLoss.compute(a, candidates, anchors, hidden, temperature);
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

package dev.attend.train.bert;

import dev.attend.model.registry.Pooling;

/**
 * A sentence embedding with its backward, in double: u = Σ of the text's token vectors (MEAN; the 1/n does not
 * survive the normalisation) or the [CLS] vector (CLS), then z = u / ‖u‖ — the same vector as the engine's
 * {@code SentenceEmbeddings}. Backward: dz → du = (dz − z (z·dz)) / ‖u‖, spread to every pooled token.
 */
public final class SentencePooling {
    private final Pooling pooling;
    private BertInput input;
    private int hidden;
    private double[] z;     // [B, C]
    private double[] norms; // [B]

    public SentencePooling(Pooling pooling) {
        this.pooling = pooling;
    }

    /** last [B·T, C] → z [B, C], unit rows. */
    public double[] forward(double[] last, BertInput in, int hidden) {
        this.input = in;
        this.hidden = hidden;
        z = new double[in.batch() * hidden];
        norms = new double[in.batch()];
        for (int b = 0; b < in.batch(); b++) {
            for (int i = 0; i < pooled(b); i++) {
                for (int c = 0; c < hidden; c++) {
                    z[b * hidden + c] += last[(b * in.tokens() + i) * hidden + c];
                }
            }
            double sum = 0;
            for (int c = 0; c < hidden; c++) sum += z[b * hidden + c] * z[b * hidden + c];
            norms[b] = Math.sqrt(sum);
            for (int c = 0; c < hidden; c++) z[b * hidden + c] /= norms[b];
        }
        return z;
    }

    /** dz [B, C] → dLast [B·T, C]. */
    public double[] backward(double[] dz) {
        double[] dLast = new double[input.rows() * hidden];
        for (int b = 0; b < input.batch(); b++) {
            double dot = 0;
            for (int c = 0; c < hidden; c++) dot += z[b * hidden + c] * dz[b * hidden + c];
            for (int i = 0; i < pooled(b); i++) {
                for (int c = 0; c < hidden; c++) {
                    dLast[(b * input.tokens() + i) * hidden + c] = (dz[b * hidden + c] - z[b * hidden + c] * dot) / norms[b];
                }
            }
        }
        return dLast;
    }

    private int pooled(int b) {
        return pooling == Pooling.CLS ? 1 : input.lengths()[b];
    }
}

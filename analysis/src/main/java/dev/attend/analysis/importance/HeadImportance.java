package dev.attend.analysis.importance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Head importance after Michel et al. (2019): {@code raw[l][h]} = E_x |∂L/∂ξ_h| over {@code samples} samples x
 * (batches for the contrastive loss, examples for a task loss), and {@code normalised[l][h]} the same divided by the
 * ℓ2 norm of its layer, so that layers compare.
 */
public record HeadImportance(double[][] raw, double[][] normalised, int samples, String loss) {

    /** One head and its normalised importance. */
    public record Head(int layer, int head, double importance) {}

    /** From the sums of |∂L/∂ξ| over the samples: [layers][heads]. */
    public static HeadImportance of(double[][] sumOfAbsoluteGradients, int samples, String loss) {
        double[][] raw = new double[sumOfAbsoluteGradients.length][];
        double[][] normalised = new double[raw.length][];
        for (int l = 0; l < raw.length; l++) {
            raw[l] = new double[sumOfAbsoluteGradients[l].length];
            normalised[l] = new double[raw[l].length];
            double norm = 0;
            for (int h = 0; h < raw[l].length; h++) {
                raw[l][h] = sumOfAbsoluteGradients[l][h] / samples;
                norm += raw[l][h] * raw[l][h];
            }
            norm = Math.sqrt(norm);
            for (int h = 0; h < raw[l].length; h++) {
                normalised[l][h] = norm == 0 ? 0 : raw[l][h] / norm;
            }
        }
        return new HeadImportance(raw, normalised, samples, loss);
    }

    public int layers() {
        return raw.length;
    }

    public int heads() {
        return raw[0].length;
    }

    /** Every head, least important first (ties: lower layer, then lower head, first). */
    public List<Head> ascending() {
        List<Head> all = new ArrayList<>();
        for (int l = 0; l < layers(); l++) {
            for (int h = 0; h < heads(); h++) all.add(new Head(l, h, normalised[l][h]));
        }
        all.sort(Comparator.comparingDouble(Head::importance));
        return all;
    }
}

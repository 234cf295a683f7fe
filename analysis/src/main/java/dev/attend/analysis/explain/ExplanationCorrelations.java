package dev.attend.analysis.explain;

import dev.attend.analysis.explain.AttentionImportance.Method;

/**
 * Spearman correlations between attention-based importance (raw, rollout, flow) and attributions (blank-out,
 * gradient × input), per layer, averaged over sequences. Each sequence contributes one correlation per cell,
 * over its scored tokens; a sequence where either side is constant (no ranking) is left out of that cell and
 * counted in {@link #skipped}.
 */
public final class ExplanationCorrelations {
    /** The attributions, by their JSON names. */
    public enum Attribution {
        BLANKOUT, GRADXINPUT;

        public String key() {
            return name().toLowerCase();
        }
    }

    private final int layers;
    private final double[][][] sum;  // [method][attribution][layer]
    private final long[][][] count, skipped;
    private long sequences;

    public ExplanationCorrelations(int layers) {
        this.layers = layers;
        int m = Method.values().length, a = Attribution.values().length;
        sum = new double[m][a][layers];
        count = new long[m][a][layers];
        skipped = new long[m][a][layers];
    }

    /** Folds in one sequence; returns its importance so a caller can show it. */
    public AttentionImportance add(ExplainedSequence s) {
        if (s.layers() != layers) throw new IllegalArgumentException("sequence has " + s.layers() + " layers, not " + layers);
        AttentionImportance importance = AttentionImportance.of(s);
        for (Method m : Method.values()) {
            for (Attribution a : Attribution.values()) {
                double[] attribution = a == Attribution.BLANKOUT ? s.blankout() : s.gradientTimesInput();
                if (attribution == null) continue;
                double[] target = scored(attribution, s.scored());
                for (int l = 0; l < layers; l++) {
                    double rho = Spearman.of(scored(importance.of(m)[l], s.scored()), target);
                    if (Double.isNaN(rho)) {
                        skipped[m.ordinal()][a.ordinal()][l]++;
                    } else {
                        sum[m.ordinal()][a.ordinal()][l] += rho;
                        count[m.ordinal()][a.ordinal()][l]++;
                    }
                }
            }
        }
        sequences++;
        return importance;
    }

    public long sequences() {
        return sequences;
    }

    public int layers() {
        return layers;
    }

    /** Mean correlation per layer (layer 1 first); NaN where no sequence had both rankings. */
    public double[] mean(Method m, Attribution a) {
        double[] out = new double[layers];
        for (int l = 0; l < layers; l++) {
            long c = count[m.ordinal()][a.ordinal()][l];
            out[l] = c == 0 ? Double.NaN : sum[m.ordinal()][a.ordinal()][l] / c;
        }
        return out;
    }

    /** Sequences left out per layer because a ranking was constant. */
    public long[] skipped(Method m, Attribution a) {
        return skipped[m.ordinal()][a.ordinal()].clone();
    }

    /** Whether any sequence had this attribution at all. */
    public boolean has(Attribution a) {
        for (Method m : Method.values()) {
            for (int l = 0; l < layers; l++) if (count[m.ordinal()][a.ordinal()][l] + skipped[m.ordinal()][a.ordinal()][l] > 0) return true;
        }
        return false;
    }

    private static double[] scored(double[] values, boolean[] keep) {
        int k = 0;
        for (boolean b : keep) if (b) k++;
        double[] out = new double[k];
        k = 0;
        for (int j = 0; j < values.length; j++) if (keep[j]) out[k++] = values[j];
        return out;
    }
}

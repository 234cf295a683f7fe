package dev.attend.core.attention;

/**
 * The obviously-correct twin of {@link ScaledDotProductAttention}: plain loops in double precision over dense
 * token-major arrays Q [queries, heads·d], K [keys, kvHeads·d], V [keys, kvHeads·dv]. Returns the weights
 * [heads][queries][keys]; the output [queries][heads·dv] is written to {@code out}.
 */
public final class AttentionReference {
    private AttentionReference() {}

    public static double[][][] compute(float[] q, float[] k, float[] v, AttentionShape s, AttentionMask mask,
                                       float[] headScale, double[][] out) {
        double[][][] weights = new double[s.heads()][s.queries()][];
        for (int h = 0; h < s.heads(); h++) {
            for (int i = 0; i < s.queries(); i++) {
                weights[h][i] = row(q, k, v, s, mask, headScale, h, i, out[i]);
            }
        }
        return weights;
    }

    /**
     * One query i of head h: returns its weights [keys] and writes its output to {@code out[h·dv, (h+1)·dv)}
     * (of a row [heads·dv]). Memory O(keys), so long sequences can be checked a few rows at a time.
     */
    public static double[] row(float[] q, float[] k, float[] v, AttentionShape s, AttentionMask mask,
                               float[] headScale, int h, int i, double[] out) {
        int nq = s.queries(), nk = s.keys(), d = s.headDim(), dv = s.valueDim();
        int kv = s.kvHeadOf(h);
        double[] weights = new double[nk];
        double[] logits = new double[nk];
        boolean[] visible = new boolean[nk];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < nk; j++) {
            visible[j] = isVisible(mask, i, j, nq, nk);
            if (!visible[j]) continue;
            double dot = 0;
            for (int c = 0; c < d; c++) {
                dot += (double) q[i * s.heads() * d + h * d + c] * k[j * s.kvHeads() * d + kv * d + c];
            }
            logits[j] = dot / Math.sqrt(d) + (mask.additive() == null ? 0 : mask.additive()[i * nk + j]);
            if (logits[j] == Double.NEGATIVE_INFINITY) visible[j] = false;
            else max = Math.max(max, logits[j]);
        }
        double sum = 0;
        for (int j = 0; j < nk; j++) {
            if (visible[j]) sum += Math.exp(logits[j] - max);
        }
        double keep = headScale == null ? 1 : headScale[h];
        for (int j = 0; j < nk; j++) {
            weights[j] = visible[j] ? keep * Math.exp(logits[j] - max) / sum : 0;
        }
        for (int c = 0; c < dv; c++) {
            double acc = 0;
            for (int j = 0; j < nk; j++) {
                acc += weights[j] * v[j * s.kvHeads() * dv + kv * dv + c];
            }
            out[h * dv + c] = acc;
        }
        return weights;
    }

    private static boolean isVisible(AttentionMask mask, int i, int j, int nq, int nk) {
        if (j >= mask.keyLength()) return false;
        if (mask.causal() && j > i + (nk - nq)) return false;
        return mask.allowed() == null || mask.allowed()[i * nk + j];
    }
}

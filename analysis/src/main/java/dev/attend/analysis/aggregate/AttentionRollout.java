package dev.attend.analysis.aggregate;

/**
 * Attention rollout (Abnar &amp; Zuidema 2020): R_1 = A_1, R_l = A_l · R_{l−1}, where A_l is layer l's
 * head-averaged attention with the residual added ({@link ResidualAttention}). Row i of R_l says how much of
 * token i's state after layer l comes from each input token, following every path through the layers; every
 * row sums to 1.
 */
public final class AttentionRollout {
    private AttentionRollout() {}

    /** @param raw [layers][n][n] head-averaged attention; returns R_1..R_L as [layers][n][n]. */
    public static double[][][] of(double[][][] raw) {
        double[][][] a = ResidualAttention.of(raw);
        double[][][] out = new double[a.length][][];
        for (int l = 0; l < a.length; l++) {
            out[l] = l == 0 ? a[0] : multiply(a[l], out[l - 1]);
        }
        return out;
    }

    private static double[][] multiply(double[][] x, double[][] y) { // [n, n] · [n, n]
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = x[i][k];
                if (v == 0) continue;
                for (int j = 0; j < n; j++) out[i][j] += v * y[k][j];
            }
        }
        return out;
    }
}

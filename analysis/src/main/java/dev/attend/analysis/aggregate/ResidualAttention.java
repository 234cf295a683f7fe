package dev.attend.analysis.aggregate;

/**
 * Abnar &amp; Zuidema's account of the residual connection: A = 0.5·W + 0.5·I for each layer's head-averaged
 * attention W, with every row renormalised to sum to 1 (a row of W that is all zeros, a query that attended to
 * nothing, becomes the identity row).
 */
public final class ResidualAttention {
    private ResidualAttention() {}

    /** @param raw [layers][n][n] head-averaged attention; returns a new [layers][n][n]. */
    public static double[][][] of(double[][][] raw) {
        double[][][] out = new double[raw.length][][];
        for (int l = 0; l < raw.length; l++) {
            int n = raw[l].length;
            out[l] = new double[n][n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    out[l][i][j] = 0.5 * raw[l][i][j] + (i == j ? 0.5 : 0);
                    sum += out[l][i][j];
                }
                for (int j = 0; j < n; j++) out[l][i][j] /= sum;
            }
        }
        return out;
    }
}

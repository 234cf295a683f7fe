package dev.attend.analysis.aggregate;

/**
 * Raw attention averaged over the heads of each layer: the matrices that rollout and flow start from.
 */
public final class HeadMean {
    private HeadMean() {}

    /**
     * @param attention [layer] → [heads, n, n] row-major (as in an AttentionTrace), rows are queries
     * @return [layers][n][n], mean over heads
     */
    public static double[][][] of(float[][] attention, int heads, int n) {
        double[][][] out = new double[attention.length][n][n];
        for (int l = 0; l < attention.length; l++) {
            float[] a = attention[l]; // [heads, n, n]
            if (a.length != heads * n * n) {
                throw new IllegalArgumentException("layer " + l + " has " + a.length + " weights, not " + heads + "×" + n + "×" + n);
            }
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) out[l][i][j] += a[(h * n + i) * n + j];
                }
            }
            for (double[] row : out[l]) for (int j = 0; j < n; j++) row[j] /= heads;
        }
        return out;
    }
}

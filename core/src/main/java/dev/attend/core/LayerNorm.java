package dev.attend.core;

/** Layer normalisation over the last dimension: y = (x - mean) / sqrt(var + eps) · gamma + beta. */
public final class LayerNorm {
    private LayerNorm() {}

    /** {@code out[rows, dim] = LN(x[rows, dim])}; out may be x. */
    public static void apply(float[] x, int rows, int dim, float[] gamma, float[] beta, float eps, float[] out) {
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            double mean = 0;
            for (int i = 0; i < dim; i++) mean += x[o + i];
            mean /= dim;
            double var = 0;
            for (int i = 0; i < dim; i++) {
                double d = x[o + i] - mean;
                var += d * d;
            }
            var /= dim;
            double inv = 1.0 / Math.sqrt(var + eps);
            for (int i = 0; i < dim; i++) {
                out[o + i] = (float) ((x[o + i] - mean) * inv * gamma[i] + beta[i]);
            }
        }
    }

    /** Fused residual: {@code out = LN(x + residual)}; out may be x or residual. */
    public static void addAndApply(float[] x, float[] residual, int rows, int dim, float[] gamma, float[] beta,
                                   float eps, float[] out) {
        for (int i = 0; i < rows * dim; i++) {
            out[i] = x[i] + residual[i];
        }
        apply(out, rows, dim, gamma, beta, eps, out);
    }
}

package dev.attend.core;

/**
 * Layer normalisation over the last dimension: y = (x - mean) / sqrt(var + eps) · gamma + beta, with the biased
 * variance (divided by dim). A constant row has var = 0 and comes out as beta.
 */
public final class LayerNorm {
    private LayerNorm() {}

    /** Row blocks with fewer entries than this run on the calling thread. */
    private static final int PARALLEL_MIN_ENTRIES = 1 << 15;

    /** {@code out[rows, dim] = LN(x[rows, dim])}; out may be x. */
    public static void apply(float[] x, int rows, int dim, float[] gamma, float[] beta, float eps, float[] out) {
        forRows(rows, dim, r -> normaliseRow(x, r * dim, dim, gamma, beta, eps, out));
    }

    /**
     * Fused residual: {@code out = LN(x + residual)}; out may be x or residual. The sum is rounded to float (as if
     * stored) before normalising.
     */
    public static void addAndApply(float[] x, float[] residual, int rows, int dim, float[] gamma, float[] beta,
                                   float eps, float[] out) {
        forRows(rows, dim, r -> {
            int o = r * dim;
            if (Kernels.vectorised()) {
                VectorLayerNorm.add(x, residual, o, dim, out);
            } else {
                for (int i = o; i < o + dim; i++) {
                    out[i] = x[i] + residual[i];
                }
            }
            normaliseRow(out, o, dim, gamma, beta, eps, out);
        });
    }

    private interface RowBody {
        void run(int row);
    }

    private static void forRows(int rows, int dim, RowBody body) {
        Parallel.forRange(rows, Math.max(1, PARALLEL_MIN_ENTRIES / Math.max(dim, 1)), (from, to) -> {
            for (int r = from; r < to; r++) {
                body.run(r);
            }
        });
    }

    private static void normaliseRow(float[] x, int o, int dim, float[] gamma, float[] beta, float eps,
                                     float[] out) {
        if (Kernels.vectorised()) {
            VectorLayerNorm.row(x, o, dim, gamma, beta, eps, out);
            return;
        }
        double mean = 0;
        for (int i = 0; i < dim; i++) {
            mean += x[o + i];
        }
        mean /= dim;
        double variance = 0;
        for (int i = 0; i < dim; i++) {
            double d = x[o + i] - mean;
            variance += d * d;
        }
        variance /= dim;
        double inverseStd = 1.0 / Math.sqrt(variance + eps);
        for (int i = 0; i < dim; i++) {
            out[o + i] = (float) ((x[o + i] - mean) * inverseStd * gamma[i] + beta[i]);
        }
    }

    /** Double-precision reference of {@link #apply}: a new [rows, dim] array. */
    public static double[] reference(float[] x, int rows, int dim, float[] gamma, float[] beta, float eps) {
        double[] y = new double[rows * dim]; // [rows, dim]
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            double mean = 0;
            for (int i = 0; i < dim; i++) {
                mean += x[o + i];
            }
            mean /= dim;
            double variance = 0;
            for (int i = 0; i < dim; i++) {
                double d = x[o + i] - mean;
                variance += d * d;
            }
            variance /= dim;
            double inverseStd = 1.0 / Math.sqrt(variance + eps);
            for (int i = 0; i < dim; i++) {
                y[o + i] = (x[o + i] - mean) * inverseStd * gamma[i] + beta[i];
            }
        }
        return y;
    }

    /** Double-precision reference of {@link #addAndApply}: LN of the float-rounded sum, as a new array. */
    public static double[] referenceAddAndApply(float[] x, float[] residual, int rows, int dim, float[] gamma,
                                                float[] beta, float eps) {
        float[] sum = new float[rows * dim]; // [rows, dim]
        for (int i = 0; i < sum.length; i++) {
            sum[i] = x[i] + residual[i];
        }
        return reference(sum, rows, dim, gamma, beta, eps);
    }
}

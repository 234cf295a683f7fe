package dev.attend.core;

/**
 * General matrix multiply, the one GEMM of attend: {@code C = op(A) · op(B)} or {@code C += op(A) · op(B)},
 * where op(X) is X or its transpose. Inference uses the packed-weights entry point; training and analysis use
 * the plain one, which packs op(B) on the fly. Both run the same blocked kernel ({@link GemmDriver}), on the
 * Vector API or scalar path ({@link Kernels}), over {@link Parallel}'s threads when the product is big enough.
 * C must not overlap A or B.
 */
public final class Gemm {
    private Gemm() {}

    /**
     * {@code C[m, n] (+)= op(A)[m, k] · op(B)[k, n]}. With {@code transposeA} the stored A is [k, m];
     * with {@code transposeB} the stored B is [n, k].
     */
    public static void multiply(MatrixView a, boolean transposeA, MatrixView b, boolean transposeB,
                                MatrixView c, boolean accumulate) {
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes do not match: op(A) [" + m + " x " + k + "], op(B) ["
                    + kb + " x " + n + "], C [" + c.rows() + " x " + c.cols() + "]");
        }
        if (m == 0 || n == 0) {
            return;
        }
        PackedMatrix packed = GemmDriver.packScratch(b, transposeB, k, n);
        GemmDriver.multiply(a, transposeA, packed, c, accumulate, Epilogue.NONE);
    }

    /** {@code Y[rows, out] = X[rows, in] · W + bias}, then the activation, with W packed once at load. */
    public static void multiply(MatrixView x, PackedMatrix w, MatrixView y, Epilogue epilogue) {
        if (x.cols() != w.rows() || y.rows() != x.rows() || y.cols() != w.cols()) {
            throw new IllegalArgumentException("gemm shapes do not match: X [" + x.rows() + " x " + x.cols()
                    + "], W [" + w.rows() + " x " + w.cols() + "], Y [" + y.rows() + " x " + y.cols() + "]");
        }
        if (epilogue.bias() != null && epilogue.bias().length < w.cols()) {
            throw new IllegalArgumentException("bias has " + epilogue.bias().length + " entries, W has "
                    + w.cols() + " columns");
        }
        GemmDriver.multiply(x, false, w, y, false, epilogue);
    }

    /** Double-precision reference: {@code op(A) · op(B)} as a new dense [m, n] array, by the textbook loops. */
    public static double[] reference(MatrixView a, boolean transposeA, MatrixView b, boolean transposeB) {
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int n = transposeB ? b.rows() : b.cols();
        double[] c = new double[m * n]; // [m, n]
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = transposeA ? a.get(p, i) : a.get(i, p);
                    double bv = transposeB ? b.get(j, p) : b.get(p, j);
                    sum += av * bv;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    /** Double-precision reference of the inference entry point: a new dense [rows, out] array. */
    public static double[] reference(MatrixView x, PackedMatrix w, Epilogue epilogue) {
        int n = w.cols();
        double[] y = new double[x.rows() * n]; // [rows, n]
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < n; j++) {
                double sum = epilogue.bias() == null ? 0 : epilogue.bias()[j];
                for (int p = 0; p < w.rows(); p++) {
                    sum += (double) x.get(i, p) * w.get(p, j);
                }
                y[i * n + j] = epilogue.activation() == Epilogue.Activation.GELU ? Gelu.reference(sum) : sum;
            }
        }
        return y;
    }
}

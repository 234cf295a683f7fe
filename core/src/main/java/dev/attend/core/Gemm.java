package dev.attend.core;

/**
 * General matrix multiply, the one GEMM of attend: {@code C = op(A) · op(B)} or {@code C += op(A) · op(B)},
 * where op(X) is X or its transpose. Inference uses the packed-weights entry point; training and analysis use
 * the plain one. Both run the same kernel.
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
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = accumulate ? c.get(i, j) : 0f;
                for (int p = 0; p < k; p++) {
                    float av = transposeA ? a.get(p, i) : a.get(i, p);
                    float bv = transposeB ? b.get(j, p) : b.get(p, j);
                    sum += av * bv;
                }
                c.set(i, j, sum);
            }
        }
    }

    /** {@code Y[rows, out] = X[rows, in] · W + bias}, then the epilogue, with W packed once at load. */
    public static void multiply(MatrixView x, PackedMatrix w, MatrixView y, Epilogue epilogue) {
        multiply(x, false, w.original(), false, y, false);
        epilogue.apply(y);
    }
}

package dev.attend.core;

/**
 * The right-hand operand B [k, n] of a GEMM, laid out once for the kernel (weights are packed at model load).
 */
public final class PackedMatrix {
    private final MatrixView original; // [k, n]

    private PackedMatrix(MatrixView original) {
        this.original = original;
    }

    /** Packs B; with {@code transposed} the stored matrix is [n, k] (Hugging Face Linear weights are [out, in]). */
    public static PackedMatrix pack(MatrixView b, boolean transposed) {
        if (!transposed) {
            float[] copy = new float[b.rows() * b.cols()];
            for (int r = 0; r < b.rows(); r++) {
                System.arraycopy(b.data(), b.offset() + r * b.stride(), copy, r * b.cols(), b.cols());
            }
            return new PackedMatrix(MatrixView.of(copy, b.rows(), b.cols()));
        }
        float[] t = new float[b.rows() * b.cols()];
        for (int r = 0; r < b.rows(); r++) {
            for (int c = 0; c < b.cols(); c++) {
                t[c * b.rows() + r] = b.get(r, c);
            }
        }
        return new PackedMatrix(MatrixView.of(t, b.cols(), b.rows()));
    }

    /** k: rows of B, the inner dimension. */
    public int rows() {
        return original.rows();
    }

    /** n: columns of B, the output width. */
    public int cols() {
        return original.cols();
    }

    MatrixView original() {
        return original;
    }
}

package dev.attend.core;

/**
 * The right-hand operand B [k, n] of a GEMM, laid out once for the kernel (weights are packed at model load).
 *
 * <p>Layout: column panels of {@link #panelWidth()} columns; panel j holds columns [j·w, j·w + w) as a dense
 * [k, w] block (row p of the panel is B[p, j·w .. j·w + w)), so the kernel reads B strictly sequentially. The last
 * panel is padded with zero columns.
 */
public final class PackedMatrix {
    private final int k;
    private final int n;
    private final int panelWidth;
    private final float[] panels; // [panelCount][k][panelWidth]

    private PackedMatrix(int k, int n, int panelWidth, float[] panels) {
        this.k = k;
        this.n = n;
        this.panelWidth = panelWidth;
        this.panels = panels;
    }

    /** Packs B; with {@code transposed} the stored matrix is [n, k] (Hugging Face Linear weights are [out, in]). */
    public static PackedMatrix pack(MatrixView b, boolean transposed) {
        int k = transposed ? b.cols() : b.rows();
        int n = transposed ? b.rows() : b.cols();
        float[] panels = new float[packedLength(k, n)];
        packInto(b, transposed, panels);
        return new PackedMatrix(k, n, Kernels.PANEL_WIDTH, panels);
    }

    /** Packs op(B) into {@code scratch} (at least {@link #packedLength} long) and wraps it, for one GEMM call. */
    static PackedMatrix packScratch(MatrixView b, boolean transposed, float[] scratch) {
        int k = transposed ? b.cols() : b.rows();
        int n = transposed ? b.rows() : b.cols();
        packInto(b, transposed, scratch);
        return new PackedMatrix(k, n, Kernels.PANEL_WIDTH, scratch);
    }

    static int packedLength(int k, int n) {
        int w = Kernels.PANEL_WIDTH;
        return Math.multiplyExact(Math.multiplyExact((n + w - 1) / w, k), w);
    }

    private static void packInto(MatrixView b, boolean transposed, float[] panels) {
        int k = transposed ? b.cols() : b.rows();
        int n = transposed ? b.rows() : b.cols();
        int w = Kernels.PANEL_WIDTH;
        float[] src = b.data();
        for (int col0 = 0, panel = 0; col0 < n; col0 += w, panel += k * w) {
            int width = Math.min(w, n - col0);
            if (transposed) {
                // stored [n, k]: column j of op(B) is stored row j, contiguous in p
                for (int j = 0; j < width; j++) {
                    int s = b.offset() + (col0 + j) * b.stride();
                    for (int p = 0; p < k; p++) {
                        panels[panel + p * w + j] = src[s + p];
                    }
                }
            } else {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(src, b.offset() + p * b.stride() + col0, panels, panel + p * w, width);
                }
            }
            if (width < w) {
                for (int p = 0; p < k; p++) {
                    java.util.Arrays.fill(panels, panel + p * w + width, panel + (p + 1) * w, 0f);
                }
            }
        }
    }

    /** k: rows of B, the inner dimension. */
    public int rows() {
        return k;
    }

    /** n: columns of B, the output width. */
    public int cols() {
        return n;
    }

    /** Element B[row, col] (for references and inspection; the kernels read the panels directly). */
    public float get(int row, int col) {
        if (row < 0 || row >= k || col < 0 || col >= n) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside [" + k + " x " + n + "]");
        }
        return panels[(col / panelWidth) * k * panelWidth + row * panelWidth + col % panelWidth];
    }

    int panelWidth() {
        return panelWidth;
    }

    int panelCount() {
        return (n + panelWidth - 1) / panelWidth;
    }

    float[] panels() {
        return panels;
    }

    /** Index in {@link #panels()} of B[row, panel · panelWidth]. */
    int panelOffset(int panel, int row) {
        return (panel * k + row) * panelWidth;
    }
}

package dev.attend.core;

/**
 * Numerically stable softmax over rows: the row maximum is subtracted before exponentiating, so logits of
 * ±1e4 (or ±3e38) give no overflow and no NaN. Masked entries are {@code -Infinity} and come out as exactly 0.
 * A row whose entries are all masked has no distribution to give; it comes out as all zeros (and so attends to
 * nothing).
 */
public final class Softmax {
    private Softmax() {}

    /** Rows with fewer entries than this all run on the calling thread. */
    private static final int PARALLEL_MIN_ENTRIES = 1 << 15;

    /** In place over each of {@code rows} rows of {@code cols} entries, {@code stride} apart. */
    public static void rows(float[] x, int offset, int rows, int cols, int stride) {
        int grain = Math.max(1, PARALLEL_MIN_ENTRIES / Math.max(cols, 1));
        Parallel.forRange(rows, grain, (from, to) -> {
            for (int r = from; r < to; r++) {
                row(x, offset + r * stride, cols);
            }
        });
    }

    /** In place over {@code x[offset, offset + length)}. */
    public static void row(float[] x, int offset, int length) {
        row(x, offset, length, 1f);
    }

    /**
     * softmax(logitScale · x) in place over {@code x[offset, offset + length)}: attention's 1/√d folded into the
     * pass that finds the maximum, so the scores are read once more, not twice.
     */
    public static void row(float[] x, int offset, int length, float logitScale) {
        if (Kernels.vectorised()) {
            VectorSoftmax.row(x, offset, length, logitScale);
        } else {
            scalarRow(x, offset, length, logitScale);
        }
    }

    /**
     * One block of an online softmax (flash attention keeps a running maximum and sum per row across key blocks):
     * scales {@code x[offset, offset + length)} by {@code logitScale} in place and returns the block's maximum,
     * {@code -Infinity} when the block is empty or entirely masked.
     */
    public static float scaleAndMax(float[] x, int offset, int length, float logitScale) {
        if (Kernels.vectorised()) {
            return VectorSoftmax.scaleAndMax(x, offset, length, logitScale);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + length; i++) {
            if (logitScale != 1f) x[i] *= logitScale;
            max = Math.max(max, x[i]);
        }
        return max;
    }

    /**
     * {@code x[i] = e^(x[i] - shift)} in place over {@code x[offset, offset + length)}; returns the sum of the
     * results. -Infinity entries (masked) become exactly 0. {@code shift} is finite and at least every entry (a row
     * or block maximum); results under 1.2e-38 (the smallest normal float) may come out as 0.
     */
    public static float expShifted(float[] x, int offset, int length, float shift) {
        if (Kernels.vectorised()) {
            return VectorMath.exp(x, offset, length, shift);
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            float e = (float) Math.exp(x[i] - shift);
            x[i] = e;
            sum += e;
        }
        return (float) sum;
    }

    private static void scalarRow(float[] x, int offset, int length, float logitScale) {
        float max = scaleAndMax(x, offset, length, logitScale);
        if (max == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(x, offset, offset + length, 0f);
            return;
        }
        float inverse = (float) (1.0 / expShifted(x, offset, length, max));
        for (int i = offset; i < offset + length; i++) {
            x[i] *= inverse;
        }
    }

    /** Double-precision reference of one row, same contract (all-masked row gives zeros). */
    public static double[] reference(float[] x, int offset, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, x[offset + i]);
        }
        double[] p = new double[length];
        if (max == Double.NEGATIVE_INFINITY) {
            return p;
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            p[i] = Math.exp(x[offset + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}

package dev.attend.core;

/**
 * Numerically stable softmax over rows: the row maximum is subtracted before exponentiating, so logits of
 * ±1e4 give no overflow. Masked entries are {@code -Infinity} and come out as exactly 0. A row whose entries
 * are all masked has no distribution to give; it comes out as all zeros (and so attends to nothing).
 */
public final class Softmax {
    private Softmax() {}

    /** In place over each of {@code rows} rows of {@code cols} entries, {@code stride} apart. */
    public static void rows(float[] x, int offset, int rows, int cols, int stride) {
        for (int r = 0; r < rows; r++) {
            row(x, offset + r * stride, cols);
        }
    }

    /** In place over {@code x[offset, offset + length)}. */
    public static void row(float[] x, int offset, int length) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + length; i++) {
            max = Math.max(max, x[i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(x, offset, offset + length, 0f);
            return;
        }
        float sum = 0f;
        for (int i = offset; i < offset + length; i++) {
            float e = (float) Math.exp(x[i] - max);
            x[i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = offset; i < offset + length; i++) {
            x[i] *= inv;
        }
    }
}

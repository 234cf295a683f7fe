package dev.attend.core;

/**
 * A row-major matrix window over a float array: element (r, c) lives at {@code data[offset + r * stride + c]}.
 * Views let kernels work on slices (one head, one batch item) without copying.
 */
public record MatrixView(float[] data, int offset, int rows, int cols, int stride) {

    public MatrixView {
        if (rows < 0 || cols < 0 || offset < 0 || stride < cols) {
            throw new IllegalArgumentException("bad matrix view: rows=" + rows + " cols=" + cols
                    + " offset=" + offset + " stride=" + stride);
        }
        if (rows > 0 && cols > 0 && offset + (long) (rows - 1) * stride + cols > data.length) {
            throw new IllegalArgumentException("matrix view [" + rows + " x " + cols + "] stride " + stride
                    + " at offset " + offset + " does not fit in an array of " + data.length);
        }
    }

    /** A dense [rows, cols] matrix over the start of {@code data}. */
    public static MatrixView of(float[] data, int rows, int cols) {
        return new MatrixView(data, 0, rows, cols, cols);
    }

    public float get(int r, int c) {
        return data[offset + r * stride + c];
    }

    public void set(int r, int c, float value) {
        data[offset + r * stride + c] = value;
    }
}

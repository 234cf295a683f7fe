package dev.attend.core;

/**
 * GELU with the exact error function, as BERT uses it: gelu(x) = x/2 · (1 + erf(x/√2)) = x · Phi(x).
 * At the ends gelu(+Infinity) = +Infinity and gelu(-Infinity) = -0 (the limit; the formula alone would give NaN).
 * The vector path is within 1e-7·|x| absolute (and ~5e-7 relative where x·Phi(x) is tiny) of the reference; the
 * scalar path rounds the reference.
 */
public final class Gelu {
    private Gelu() {}

    /** Threads get whole blocks of this many elements; fewer than two blocks run on the calling thread. */
    private static final int PARALLEL_BLOCK = 1 << 14;

    /** In place over {@code x[offset, offset + length)}. */
    public static void apply(float[] x, int offset, int length) {
        int blocks = (length + PARALLEL_BLOCK - 1) / PARALLEL_BLOCK;
        Parallel.forRange(blocks, 2, (from, to) -> {
            int start = offset + from * PARALLEL_BLOCK;
            int end = offset + Math.min(length, to * PARALLEL_BLOCK);
            applyOnThisThread(x, start, end - start);
        });
    }

    private static void applyOnThisThread(float[] x, int offset, int length) {
        if (Kernels.vectorised()) {
            VectorMath.gelu(x, offset, length);
        } else {
            for (int i = offset; i < offset + length; i++) {
                x[i] = (float) reference(x[i]);
            }
        }
    }

    /**
     * Double-precision reference, x · Phi(x) with Phi(x) = erfc(-x/√2) / 2 (no cancellation in the left tail:
     * gelu(-10) = -7.6e-23, not 0).
     */
    public static double reference(double x) {
        if (x == Double.NEGATIVE_INFINITY) {
            return -0.0;
        }
        return 0.5 * x * Erf.erfc(-x / Math.sqrt(2.0));
    }
}

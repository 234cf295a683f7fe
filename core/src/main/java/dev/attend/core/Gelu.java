package dev.attend.core;

/** GELU with the exact error function, as BERT uses it: gelu(x) = x/2 · (1 + erf(x/√2)). */
public final class Gelu {
    private Gelu() {}

    /** In place over {@code x[offset, offset + length)}. */
    public static void apply(float[] x, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            x[i] = (float) reference(x[i]);
        }
    }

    /** Double-precision reference. */
    public static double reference(double x) {
        return 0.5 * x * (1.0 + Erf.erf(x / Math.sqrt(2.0)));
    }
}

package dev.attend.train.layers;

import dev.attend.core.Gelu;
import dev.attend.core.Parallel;

/**
 * GELU with the exact erf (core {@link Gelu} forward). gelu(x) = x · Φ(x), so gelu'(x) = Φ(x) + x · φ(x); backward
 * reads Φ(x) = gelu(x) / x off the kept output (Φ(0) = 1/2) and needs only φ(x) = exp(−x²/2) / √(2π).
 */
public final class GeluActivation {
    static final double INVERSE_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Backward splits over threads in chunks of at least this many elements (one exp each). */
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 13;

    private float[] x; // the last forward's input
    private float[] y; // and output

    public float[] forward(float[] x) {
        this.x = x;
        this.y = x.clone();
        Gelu.apply(y, 0, y.length);
        return y;
    }

    public float[] backward(float[] dy) {
        float[] dx = new float[dy.length];
        Parallel.forRange(dx.length, PARALLEL_MIN_ELEMENTS, (from, to) -> {
            for (int i = from; i < to; i++) {
                float xi = x[i];
                float cdf = xi == 0 ? 0.5f : y[i] / xi;
                float pdf = (float) (Math.exp(-0.5 * xi * xi) * INVERSE_SQRT_2PI);
                dx[i] = dy[i] * (cdf + xi * pdf);
            }
        });
        return dx;
    }
}

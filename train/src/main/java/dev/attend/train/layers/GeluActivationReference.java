package dev.attend.train.layers;

import dev.attend.core.Gelu;

/** The double-precision twin of {@link GeluActivation}: gelu(x) = x · Φ(x), gelu'(x) = Φ(x) + x · φ(x). */
public final class GeluActivationReference {
    private double[] x;

    public double[] forward(double[] x) {
        this.x = x;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Gelu.reference(x[i]);
        }
        return y;
    }

    public double[] backward(double[] dy) {
        double[] dx = new double[dy.length];
        for (int i = 0; i < dx.length; i++) {
            double cdf = x[i] == 0 ? 0.5 : Gelu.reference(x[i]) / x[i];
            double pdf = Math.exp(-0.5 * x[i] * x[i]) * GeluActivation.INVERSE_SQRT_2PI;
            dx[i] = dy[i] * (cdf + x[i] * pdf);
        }
        return dx;
    }
}

package dev.attend.train.layers;

import dev.attend.core.LayerNorm;

import java.util.List;

/**
 * y = (x − mean) / √(var + eps) · gamma + beta over each row (core {@link LayerNorm} forward). Backward recomputes
 * each row's mean and 1/std from the kept input, then with x̂ the normalised row and g = dy · gamma:
 * dx = (g − mean(g) − x̂ · mean(g · x̂)) / std, dgamma += dy · x̂, dbeta += dy.
 */
public final class LayerNormalization {
    private final Parameter gamma; // [hidden]
    private final Parameter beta;  // [hidden]
    private final int hidden;
    private final float eps;
    private float[] x;             // [rows, hidden]
    private int rows;

    public LayerNormalization(String name, int hidden, float eps) {
        this.hidden = hidden;
        this.eps = eps;
        this.gamma = Parameter.vector(name + ".weight", hidden, 1f);
        this.beta = Parameter.vector(name + ".bias", hidden, 0f);
    }

    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    public float eps() {
        return eps;
    }

    /** x [rows, hidden] → y [rows, hidden]. */
    public float[] forward(float[] x, int rows) {
        this.x = x;
        this.rows = rows;
        float[] y = new float[rows * hidden]; // [rows, hidden]
        LayerNorm.apply(x, rows, hidden, gamma.value(), beta.value(), eps, y);
        return y;
    }

    public float[] backward(float[] dy) {
        float[] dx = new float[rows * hidden]; // [rows, hidden]
        float[] xHat = new float[hidden];
        for (int r = 0; r < rows; r++) {
            int o = r * hidden;
            double mean = 0;
            for (int i = 0; i < hidden; i++) {
                mean += x[o + i];
            }
            mean /= hidden;
            double variance = 0;
            for (int i = 0; i < hidden; i++) {
                double d = x[o + i] - mean;
                variance += d * d;
            }
            float inverseStd = (float) (1 / Math.sqrt(variance / hidden + eps));
            float meanG = 0, meanGxHat = 0;
            for (int i = 0; i < hidden; i++) {
                xHat[i] = (float) (x[o + i] - mean) * inverseStd;
                float g = dy[o + i] * gamma.value()[i];
                meanG += g;
                meanGxHat += g * xHat[i];
                gamma.grad()[i] += dy[o + i] * xHat[i];
                beta.grad()[i] += dy[o + i];
            }
            meanG /= hidden;
            meanGxHat /= hidden;
            for (int i = 0; i < hidden; i++) {
                float g = dy[o + i] * gamma.value()[i];
                dx[o + i] = (g - meanG - xHat[i] * meanGxHat) * inverseStd;
            }
        }
        return dx;
    }
}

package dev.attend.train.layers;

import java.util.List;

/** The double-precision twin of {@link LayerNormalization}, forward and backward written out. */
public final class LayerNormalizationReference {
    private final ReferenceParameter gamma; // [hidden]
    private final ReferenceParameter beta;  // [hidden]
    private final int hidden;
    private final double eps;
    private double[] x;                     // [rows, hidden]
    private int rows;

    public LayerNormalizationReference(LayerNormalization fast) {
        this.gamma = ReferenceParameter.of(fast.parameters().get(0));
        this.beta = ReferenceParameter.of(fast.parameters().get(1));
        this.hidden = gamma.value().length;
        this.eps = fast.eps();
    }

    public List<ReferenceParameter> parameters() {
        return List.of(gamma, beta);
    }

    public double[] forward(double[] x, int rows) {
        this.x = x;
        this.rows = rows;
        double[] y = new double[rows * hidden]; // [rows, hidden]
        for (int r = 0; r < rows; r++) {
            double[] xHat = normalised(r);
            for (int i = 0; i < hidden; i++) {
                y[r * hidden + i] = xHat[i] * gamma.value()[i] + beta.value()[i];
            }
        }
        return y;
    }

    public double[] backward(double[] dy) {
        double[] dx = new double[rows * hidden]; // [rows, hidden]
        for (int r = 0; r < rows; r++) {
            int o = r * hidden;
            double[] xHat = normalised(r);
            double inverseStd = 1 / Math.sqrt(variance(r) + eps);
            double meanG = 0, meanGxHat = 0;
            for (int i = 0; i < hidden; i++) {
                double g = dy[o + i] * gamma.value()[i];
                meanG += g / hidden;
                meanGxHat += g * xHat[i] / hidden;
                gamma.grad()[i] += dy[o + i] * xHat[i];
                beta.grad()[i] += dy[o + i];
            }
            for (int i = 0; i < hidden; i++) {
                double g = dy[o + i] * gamma.value()[i];
                dx[o + i] = (g - meanG - xHat[i] * meanGxHat) * inverseStd;
            }
        }
        return dx;
    }

    private double mean(int r) {
        double sum = 0;
        for (int i = 0; i < hidden; i++) {
            sum += x[r * hidden + i];
        }
        return sum / hidden;
    }

    private double variance(int r) {
        double mean = mean(r), sum = 0;
        for (int i = 0; i < hidden; i++) {
            double d = x[r * hidden + i] - mean;
            sum += d * d;
        }
        return sum / hidden;
    }

    private double[] normalised(int r) {
        double mean = mean(r), inverseStd = 1 / Math.sqrt(variance(r) + eps);
        double[] xHat = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            xHat[i] = (x[r * hidden + i] - mean) * inverseStd;
        }
        return xHat;
    }
}

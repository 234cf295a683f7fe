package dev.attend.train.layers;

import java.util.List;

/** The double-precision twin of {@link Linear}: y[r, o] = Σ_i x[r, i] · W[o, i] + b[o], by the textbook loops. */
public final class LinearReference {
    private final ReferenceParameter weight; // [out, in]
    private final ReferenceParameter bias;   // [out]
    private final int in;
    private final int out;
    private double[] x;                      // [rows, in]
    private int rows;

    public LinearReference(Linear fast) {
        this(fast.parameters().get(0), fast.parameters().get(1));
    }

    LinearReference(Parameter weight, Parameter bias) {
        this.weight = ReferenceParameter.of(weight);
        this.bias = ReferenceParameter.of(bias);
        this.out = weight.shape()[0];
        this.in = weight.shape()[1];
    }

    public List<ReferenceParameter> parameters() {
        return List.of(weight, bias);
    }

    public double[] forward(double[] x, int rows) {
        this.x = x;
        this.rows = rows;
        double[] y = new double[rows * out]; // [rows, out]
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double sum = bias.value()[o];
                for (int i = 0; i < in; i++) {
                    sum += x[r * in + i] * weight.value()[o * in + i];
                }
                y[r * out + o] = sum;
            }
        }
        return y;
    }

    public double[] backward(double[] dy) {
        double[] dx = new double[rows * in]; // [rows, in]
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double g = dy[r * out + o];
                bias.grad()[o] += g;
                for (int i = 0; i < in; i++) {
                    weight.grad()[o * in + i] += g * x[r * in + i];
                    dx[r * in + i] += g * weight.value()[o * in + i];
                }
            }
        }
        return dx;
    }
}

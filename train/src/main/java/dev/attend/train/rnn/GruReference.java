package dev.attend.train.rnn;

import dev.attend.train.layers.ReferenceParameter;

import java.util.List;

/** The double-precision twin of {@link Gru}: the gate equations and backpropagation through time as plain loops. */
public final class GruReference implements RecurrentReference {

    private final RecurrentWeightsReference weights;
    private final int hidden;
    private double[] r, z, n;   // [T·B, H] each
    private double[] hn;        // [T·B, H]: W_hn h + b_hn
    private double[] previous;  // [T·B, H]
    private double[] outputs;   // [T·B, H]
    private int steps;
    private int batch;

    public GruReference(Gru fast) {
        this.weights = RecurrentWeightsReference.of(fast.weights());
        this.hidden = fast.hidden();
    }

    @Override public List<ReferenceParameter> parameters() {
        return weights.parameters();
    }

    @Override public double[] states() {
        return outputs;
    }

    @Override public double[] forward(double[] x, int steps, int batch, double[] h0) {
        this.steps = steps;
        this.batch = batch;
        int rowsAll = steps * batch;
        double[] gx = weights.inputMap().forward(x, rowsAll); // [T·B, 3H]
        double[] states = new double[rowsAll * hidden];
        r = new double[rowsAll * hidden];
        z = new double[rowsAll * hidden];
        n = new double[rowsAll * hidden];
        hn = new double[rowsAll * hidden];
        previous = new double[rowsAll * hidden];
        double[] w = weights.recurrentWeight().value(), bias = weights.recurrentBias().value();
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                for (int j = 0; j < hidden; j++) {
                    previous[row * hidden + j] = t == 0 ? (h0 == null ? 0 : h0[b * hidden + j])
                            : states[(row - batch) * hidden + j];
                }
                for (int j = 0; j < hidden; j++) {
                    double ar = bias[j], az = bias[hidden + j], an = bias[2 * hidden + j];
                    for (int k = 0; k < hidden; k++) {
                        double h = previous[row * hidden + k];
                        ar += w[j * hidden + k] * h;
                        az += w[(hidden + j) * hidden + k] * h;
                        an += w[(2 * hidden + j) * hidden + k] * h;
                    }
                    int at = row * hidden + j, g = row * 3 * hidden;
                    r[at] = 1 / (1 + Math.exp(-(gx[g + j] + ar)));
                    z[at] = 1 / (1 + Math.exp(-(gx[g + hidden + j] + az)));
                    hn[at] = an;
                    n[at] = Math.tanh(gx[g + 2 * hidden + j] + r[at] * an);
                    states[at] = (1 - z[at]) * n[at] + z[at] * previous[at];
                }
            }
        }
        outputs = states;
        return states;
    }

    @Override public Gradients backward(double[] dOutputs, double[] dStates) {
        int rowsAll = steps * batch;
        double[] dGx = new double[rowsAll * 3 * hidden];
        double[] dh = new double[batch * hidden];
        double[] w = weights.recurrentWeight().value(), dw = weights.recurrentWeight().grad(), db = weights.recurrentBias().grad();
        for (int t = steps - 1; t >= 0; t--) {
            double[] dPrevious = new double[batch * hidden];
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                for (int j = 0; j < hidden; j++) {
                    int at = row * hidden + j, g = row * 3 * hidden;
                    double d = dOutputs[at] + (dStates == null ? 0 : dStates[at]) + dh[b * hidden + j];
                    double dn = d * (1 - z[at]) * (1 - n[at] * n[at]);
                    double dr = dn * hn[at] * r[at] * (1 - r[at]);
                    double dz = d * (previous[at] - n[at]) * z[at] * (1 - z[at]);
                    dGx[g + j] = dr;
                    dGx[g + hidden + j] = dz;
                    dGx[g + 2 * hidden + j] = dn;
                    double[] dRecurrent = {dr, dz, dn * r[at]}; // gradients of W_h· h + b_h· per gate
                    dPrevious[b * hidden + j] += d * z[at];
                    for (int gate = 0; gate < 3; gate++) {
                        int wRow = gate * hidden + j;
                        db[wRow] += dRecurrent[gate];
                        for (int k = 0; k < hidden; k++) {
                            dw[wRow * hidden + k] += dRecurrent[gate] * previous[row * hidden + k];
                            dPrevious[b * hidden + k] += dRecurrent[gate] * w[wRow * hidden + k];
                        }
                    }
                }
            }
            dh = dPrevious;
        }
        return new Gradients(weights.inputMap().backward(dGx), dh);
    }
}

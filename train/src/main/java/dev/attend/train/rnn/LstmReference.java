package dev.attend.train.rnn;

import dev.attend.train.layers.ReferenceParameter;

import java.util.List;

/** The double-precision twin of {@link Lstm}: the gate equations and backpropagation through time as plain loops. */
public final class LstmReference implements RecurrentReference {

    private final RecurrentWeightsReference weights;
    private final int hidden;
    private double[] i, f, g, o;   // [T·B, H] each: the gates
    private double[] cell;         // [T·B, H]: c'
    private double[] hPrev, cPrev; // [T·B, H]: the state each step started from
    private double[] carried;      // [T·B, 2H]: [h | c] after each step
    private int steps;
    private int batch;

    public LstmReference(Lstm fast) {
        this.weights = RecurrentWeightsReference.of(fast.weights());
        this.hidden = fast.hidden();
    }

    @Override public List<ReferenceParameter> parameters() {
        return weights.parameters();
    }

    @Override public double[] states() {
        return carried;
    }

    @Override public double[] forward(double[] x, int steps, int batch, double[] initial) {
        this.steps = steps;
        this.batch = batch;
        int rowsAll = steps * batch;
        double[] gx = weights.inputMap().forward(x, rowsAll); // [T·B, 4H]
        double[] outputs = new double[rowsAll * hidden];
        i = new double[rowsAll * hidden];
        f = new double[rowsAll * hidden];
        g = new double[rowsAll * hidden];
        o = new double[rowsAll * hidden];
        cell = new double[rowsAll * hidden];
        hPrev = new double[rowsAll * hidden];
        cPrev = new double[rowsAll * hidden];
        carried = new double[rowsAll * 2 * hidden];
        double[] w = weights.recurrentWeight().value(), bias = weights.recurrentBias().value();
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                for (int j = 0; j < hidden; j++) {
                    int at = row * hidden + j;
                    hPrev[at] = t == 0 ? (initial == null ? 0 : initial[b * 2 * hidden + j]) : outputs[at - batch * hidden];
                    cPrev[at] = t == 0 ? (initial == null ? 0 : initial[b * 2 * hidden + hidden + j]) : cell[at - batch * hidden];
                }
                for (int j = 0; j < hidden; j++) {
                    double[] pre = new double[4];
                    for (int gate = 0; gate < 4; gate++) {
                        pre[gate] = gx[row * 4 * hidden + gate * hidden + j] + bias[gate * hidden + j];
                        for (int k = 0; k < hidden; k++) pre[gate] += w[(gate * hidden + j) * hidden + k] * hPrev[row * hidden + k];
                    }
                    int at = row * hidden + j;
                    i[at] = 1 / (1 + Math.exp(-pre[0]));
                    f[at] = 1 / (1 + Math.exp(-pre[1]));
                    g[at] = Math.tanh(pre[2]);
                    o[at] = 1 / (1 + Math.exp(-pre[3]));
                    cell[at] = f[at] * cPrev[at] + i[at] * g[at];
                    outputs[at] = o[at] * Math.tanh(cell[at]);
                    carried[row * 2 * hidden + j] = outputs[at];
                    carried[row * 2 * hidden + hidden + j] = cell[at];
                }
            }
        }
        return outputs;
    }

    @Override public Gradients backward(double[] dOutputs, double[] dStates) {
        int rowsAll = steps * batch;
        double[] dGx = new double[rowsAll * 4 * hidden];
        double[] dh = new double[batch * hidden], dc = new double[batch * hidden];
        double[] w = weights.recurrentWeight().value(), dw = weights.recurrentWeight().grad(), db = weights.recurrentBias().grad();
        for (int t = steps - 1; t >= 0; t--) {
            double[] dhPrevious = new double[batch * hidden], dcPrevious = new double[batch * hidden];
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                for (int j = 0; j < hidden; j++) {
                    int at = row * hidden + j, s = row * 2 * hidden + j;
                    double tc = Math.tanh(cell[at]);
                    double dHidden = dOutputs[at] + dh[b * hidden + j] + (dStates == null ? 0 : dStates[s]);
                    double dCell = dc[b * hidden + j] + (dStates == null ? 0 : dStates[s + hidden]) + dHidden * o[at] * (1 - tc * tc);
                    double[] dPre = {dCell * g[at] * i[at] * (1 - i[at]), dCell * cPrev[at] * f[at] * (1 - f[at]),
                            dCell * i[at] * (1 - g[at] * g[at]), dHidden * tc * o[at] * (1 - o[at])};
                    dcPrevious[b * hidden + j] = dCell * f[at];
                    for (int gate = 0; gate < 4; gate++) {
                        int wRow = gate * hidden + j;
                        dGx[row * 4 * hidden + wRow] = dPre[gate];
                        db[wRow] += dPre[gate];
                        for (int k = 0; k < hidden; k++) {
                            dw[wRow * hidden + k] += dPre[gate] * hPrev[row * hidden + k];
                            dhPrevious[b * hidden + k] += dPre[gate] * w[wRow * hidden + k];
                        }
                    }
                }
            }
            dh = dhPrevious;
            dc = dcPrevious;
        }
        double[] dInitial = new double[batch * 2 * hidden];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                dInitial[b * 2 * hidden + j] = dh[b * hidden + j];
                dInitial[b * 2 * hidden + hidden + j] = dc[b * hidden + j];
            }
        }
        return new Gradients(weights.inputMap().backward(dGx), dInitial);
    }
}

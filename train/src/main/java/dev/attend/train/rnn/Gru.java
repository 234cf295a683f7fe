package dev.attend.train.rnn;

import dev.attend.core.Epilogue;
import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.PackedMatrix;
import dev.attend.train.layers.Parameter;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A GRU run over whole sequences, with backpropagation through time. PyTorch's equations and layout (gate rows
 * r | z | n in both weights):
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)
 * z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * Sequences are time-major: row {@code t·B + b}. The input projection of all steps is one {@link Linear} (one GEMM);
 * each step multiplies h by the recurrent weight (packed once per pass). Backward walks the steps in reverse, keeps
 * the gate gradients of every step and adds the weight gradients as two GEMMs at the end:
 * dW_ih += dGxᵀ·X, dW_hh += dGhᵀ·H_prev.
 */
public final class Gru implements Recurrent {

    private final RecurrentWeights weights; // W_ih [3H, in], b_ih, W_hh [3H, H], b_hh
    private final int hidden;
    private float[] gates;      // [T·B, 3H]: r, z, n after their nonlinearity
    private float[] recurrentN; // [T·B, H]: W_hn h + b_hn
    private float[] previous;   // [T·B, H]: the state each step started from
    private float[] outputs;    // [T·B, H]: the last forward's states
    private int steps;
    private int batch;

    /** Parameters {@code prefix.input.weight} [3H, in], {@code prefix.input.bias}, {@code prefix.recurrent.weight} [3H, H], {@code prefix.recurrent.bias}. */
    public Gru(String prefix, int in, int hidden, RandomGenerator random, double std) {
        this.hidden = hidden;
        this.weights = RecurrentWeights.of(prefix, 3, in, hidden, random, std);
    }

    @Override public List<Parameter> parameters() {
        return weights.parameters();
    }

    RecurrentWeights weights() {
        return weights;
    }

    @Override public int hidden() {
        return hidden;
    }

    @Override public int stateWidth() {
        return hidden;
    }

    @Override public float[] states() {
        return outputs;
    }

    @Override public float[] forward(float[] x, int steps, int batch, float[] h0) {
        this.steps = steps;
        this.batch = batch;
        int h3 = 3 * hidden;
        float[] gx = weights.inputMap().forward(x, steps * batch); // [T·B, 3H]
        PackedMatrix recurrentT = PackedMatrix.pack(MatrixView.of(weights.recurrentWeight().value(), h3, hidden), true); // W_hhᵀ [H, 3H]
        Epilogue bias = Epilogue.bias(weights.recurrentBias().value());
        float[] states = new float[steps * batch * hidden]; // [T·B, H]
        gates = new float[steps * batch * h3];
        recurrentN = new float[steps * batch * hidden];
        previous = new float[steps * batch * hidden];
        float[] gh = new float[batch * h3]; // [B, 3H]
        if (h0 != null) System.arraycopy(h0, 0, previous, 0, batch * hidden);
        for (int t = 0; t < steps; t++) {
            int rows = t * batch;
            if (t > 0) System.arraycopy(states, (rows - batch) * hidden, previous, rows * hidden, batch * hidden);
            Gemm.multiply(new MatrixView(previous, rows * hidden, batch, hidden, hidden), recurrentT,
                    MatrixView.of(gh, batch, h3), bias);
            for (int b = 0; b < batch; b++) {
                int g = (rows + b) * h3, s = (rows + b) * hidden, r0 = b * h3;
                for (int j = 0; j < hidden; j++) {
                    float r = Activations.sigmoid(gx[g + j] + gh[r0 + j]);
                    float z = Activations.sigmoid(gx[g + hidden + j] + gh[r0 + hidden + j]);
                    float hn = gh[r0 + 2 * hidden + j];
                    float n = Activations.tanh(gx[g + 2 * hidden + j] + r * hn);
                    gates[g + j] = r;
                    gates[g + hidden + j] = z;
                    gates[g + 2 * hidden + j] = n;
                    recurrentN[s + j] = hn;
                    states[s + j] = (1 - z) * n + z * previous[s + j];
                }
            }
        }
        outputs = states;
        return states;
    }

    /** dOutputs and dStates are both gradients of the states h [T·B, H] (dStates may be null). */
    @Override public Gradients backward(float[] dOutputs, float[] dStates) {
        int h3 = 3 * hidden, rowsAll = steps * batch;
        float[] dGx = new float[rowsAll * h3]; // [T·B, 3H]: gradients of the input pre-activations
        float[] dGh = new float[rowsAll * h3]; // [T·B, 3H]: gradients of W_hh h + b_hh
        float[] dh = new float[batch * hidden]; // [B, H]: carried to the previous step
        MatrixView recurrent = MatrixView.of(weights.recurrentWeight().value(), h3, hidden);
        for (int t = steps - 1; t >= 0; t--) {
            int rows = t * batch;
            for (int b = 0; b < batch; b++) {
                int g = (rows + b) * h3, s = (rows + b) * hidden;
                for (int j = 0; j < hidden; j++) {
                    float d = dOutputs[s + j] + (dStates == null ? 0 : dStates[s + j]) + dh[b * hidden + j];
                    float r = gates[g + j], z = gates[g + hidden + j], n = gates[g + 2 * hidden + j];
                    float dnPre = d * (1 - z) * (1 - n * n);
                    float drPre = dnPre * recurrentN[s + j] * r * (1 - r);
                    float dzPre = d * (previous[s + j] - n) * z * (1 - z);
                    dGx[g + j] = dGh[g + j] = drPre;
                    dGx[g + hidden + j] = dGh[g + hidden + j] = dzPre;
                    dGx[g + 2 * hidden + j] = dnPre;
                    dGh[g + 2 * hidden + j] = dnPre * r;
                    dh[b * hidden + j] = d * z;
                }
            }
            // dh_prev += dGh_t · W_hh
            Gemm.multiply(new MatrixView(dGh, rows * h3, batch, h3, h3), false, recurrent, false,
                    MatrixView.of(dh, batch, hidden), true);
        }
        Gemm.multiply(MatrixView.of(dGh, rowsAll, h3), true, MatrixView.of(previous, rowsAll, hidden), false,
                MatrixView.of(weights.recurrentWeight().grad(), h3, hidden), true);
        float[] db = weights.recurrentBias().grad();
        for (int r = 0; r < rowsAll; r++) {
            for (int c = 0; c < h3; c++) {
                db[c] += dGh[r * h3 + c];
            }
        }
        return new Gradients(weights.inputMap().backward(dGx), dh);
    }
}

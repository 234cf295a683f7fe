package dev.attend.train.rnn;

import dev.attend.core.Epilogue;
import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.PackedMatrix;
import dev.attend.train.layers.Parameter;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An LSTM run over whole sequences, with backpropagation through time. PyTorch's equations and layout (gate rows
 * i | f | g | o in both weights):
 * <pre>
 * i = σ(W_ii x + b_ii + W_hi h + b_hi)      f = σ(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg)   o = σ(W_io x + b_io + W_ho h + b_ho)
 * c' = f ⊙ c + i ⊙ g                        h' = o ⊙ tanh(c')
 * </pre>
 * The carried state of a row is [h | c] (width 2H). Like {@link Gru}: one GEMM for the input projection of all
 * steps, one per step for W_hh h (packed once per pass); backward keeps every step's gate gradients dG [T·B, 4H]
 * (the same for the input and the recurrent pre-activations) and adds dW_hh += dGᵀ·H_prev as one GEMM at the end.
 */
public final class Lstm implements Recurrent {

    private final RecurrentWeights weights; // W_ih [4H, in], b_ih, W_hh [4H, H], b_hh
    private final int hidden;
    private float[] gates;     // [T·B, 4H]: i, f, g, o after their nonlinearity
    private float[] cellTanh;  // [T·B, H]: tanh(c')
    private float[] previous;  // [T·B, 2H]: the state [h | c] each step started from
    private float[] carried;   // [T·B, 2H]: the state [h | c] after each step
    private int steps;
    private int batch;

    /** Parameters {@code prefix.input.weight} [4H, in], {@code prefix.input.bias}, {@code prefix.recurrent.weight} [4H, H], {@code prefix.recurrent.bias}. */
    public Lstm(String prefix, int in, int hidden, RandomGenerator random, double std) {
        this.hidden = hidden;
        this.weights = RecurrentWeights.of(prefix, 4, in, hidden, random, std);
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
        return 2 * hidden;
    }

    @Override public float[] states() {
        return carried;
    }

    @Override public float[] forward(float[] x, int steps, int batch, float[] initial) {
        this.steps = steps;
        this.batch = batch;
        int h4 = 4 * hidden, w = 2 * hidden, rowsAll = steps * batch;
        float[] gx = weights.inputMap().forward(x, rowsAll); // [T·B, 4H]
        PackedMatrix recurrentT = PackedMatrix.pack(MatrixView.of(weights.recurrentWeight().value(), h4, hidden), true); // W_hhᵀ [H, 4H]
        Epilogue bias = Epilogue.bias(weights.recurrentBias().value());
        float[] outputs = new float[rowsAll * hidden]; // [T·B, H]
        gates = new float[rowsAll * h4];
        cellTanh = new float[rowsAll * hidden];
        previous = new float[rowsAll * w];
        carried = new float[rowsAll * w];
        float[] gh = new float[batch * h4]; // [B, 4H]
        if (initial != null) System.arraycopy(initial, 0, previous, 0, batch * w);
        for (int t = 0; t < steps; t++) {
            int rows = t * batch;
            if (t > 0) System.arraycopy(carried, (rows - batch) * w, previous, rows * w, batch * w);
            Gemm.multiply(new MatrixView(previous, rows * w, batch, hidden, w), recurrentT, MatrixView.of(gh, batch, h4), bias);
            for (int b = 0; b < batch; b++) {
                int g = (rows + b) * h4, s = (rows + b) * w, o = (rows + b) * hidden, r0 = b * h4;
                for (int j = 0; j < hidden; j++) {
                    float in = Activations.sigmoid(gx[g + j] + gh[r0 + j]);
                    float forget = Activations.sigmoid(gx[g + hidden + j] + gh[r0 + hidden + j]);
                    float cand = Activations.tanh(gx[g + 2 * hidden + j] + gh[r0 + 2 * hidden + j]);
                    float out = Activations.sigmoid(gx[g + 3 * hidden + j] + gh[r0 + 3 * hidden + j]);
                    float c = forget * previous[s + hidden + j] + in * cand;
                    float tc = Activations.tanh(c);
                    gates[g + j] = in;
                    gates[g + hidden + j] = forget;
                    gates[g + 2 * hidden + j] = cand;
                    gates[g + 3 * hidden + j] = out;
                    cellTanh[o + j] = tc;
                    carried[s + j] = outputs[o + j] = out * tc;
                    carried[s + hidden + j] = c;
                }
            }
        }
        return outputs;
    }

    @Override public Gradients backward(float[] dOutputs, float[] dStates) {
        int h4 = 4 * hidden, w = 2 * hidden, rowsAll = steps * batch;
        float[] dG = new float[rowsAll * h4];   // [T·B, 4H]: gradients of the gate pre-activations
        float[] dh = new float[batch * hidden]; // [B, H]: carried to the previous step
        float[] dc = new float[batch * hidden]; // [B, H]
        MatrixView recurrent = MatrixView.of(weights.recurrentWeight().value(), h4, hidden);
        for (int t = steps - 1; t >= 0; t--) {
            int rows = t * batch;
            for (int b = 0; b < batch; b++) {
                int g = (rows + b) * h4, s = (rows + b) * w, o = (rows + b) * hidden;
                for (int j = 0; j < hidden; j++) {
                    float in = gates[g + j], forget = gates[g + hidden + j], cand = gates[g + 2 * hidden + j];
                    float out = gates[g + 3 * hidden + j], tc = cellTanh[o + j];
                    float dHidden = dOutputs[o + j] + dh[b * hidden + j] + (dStates == null ? 0 : dStates[s + j]);
                    float dCell = dc[b * hidden + j] + (dStates == null ? 0 : dStates[s + hidden + j])
                            + dHidden * out * (1 - tc * tc);
                    dG[g + j] = dCell * cand * in * (1 - in);
                    dG[g + hidden + j] = dCell * previous[s + hidden + j] * forget * (1 - forget);
                    dG[g + 2 * hidden + j] = dCell * in * (1 - cand * cand);
                    dG[g + 3 * hidden + j] = dHidden * tc * out * (1 - out);
                    dc[b * hidden + j] = dCell * forget;
                }
            }
            // dh_prev = dG_t · W_hh
            Gemm.multiply(new MatrixView(dG, rows * h4, batch, h4, h4), false, recurrent, false,
                    MatrixView.of(dh, batch, hidden), false);
        }
        Gemm.multiply(MatrixView.of(dG, rowsAll, h4), true, new MatrixView(previous, 0, rowsAll, hidden, w), false,
                MatrixView.of(weights.recurrentWeight().grad(), h4, hidden), true);
        float[] db = weights.recurrentBias().grad();
        for (int r = 0; r < rowsAll; r++) {
            for (int c = 0; c < h4; c++) {
                db[c] += dG[r * h4 + c];
            }
        }
        float[] dInitial = new float[batch * w]; // [B, 2H]: [dh | dc]
        for (int b = 0; b < batch; b++) {
            System.arraycopy(dh, b * hidden, dInitial, b * w, hidden);
            System.arraycopy(dc, b * hidden, dInitial, b * w + hidden, hidden);
        }
        return new Gradients(weights.inputMap().backward(dG), dInitial);
    }
}

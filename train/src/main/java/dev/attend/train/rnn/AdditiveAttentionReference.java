package dev.attend.train.rnn;

import dev.attend.train.layers.LinearReference;
import dev.attend.train.layers.ReferenceParameter;

import java.util.ArrayList;
import java.util.List;

/** The double-precision twin of {@link AdditiveAttention}, by the textbook loops. */
public final class AdditiveAttentionReference {

    public record Gradients(double[] queries, double[] memory) {}

    private final LinearReference queryMap;
    private final LinearReference keyMap;
    private final ReferenceParameter score; // v [1, A]
    private final int hidden;
    private final int size;
    private double[] memory;
    private double[] pq, pk;  // [T·B, A], [S·B, A]
    private double[][][] p;   // [B][T][S]
    private int[] lengths;
    private int queries, keys, batch;

    public AdditiveAttentionReference(AdditiveAttention fast) {
        this.queryMap = new LinearReference(fast.queryMap());
        this.keyMap = new LinearReference(fast.keyMap());
        this.score = ReferenceParameter.of(fast.parameters().getLast());
        this.size = score.shape()[1];
        this.hidden = fast.queryMap().parameters().getFirst().shape()[1];
    }

    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(queryMap.parameters());
        all.addAll(keyMap.parameters());
        all.add(score);
        return all;
    }

    public double[] forward(double[] states, int steps, double[] memory, int memorySteps, int batch, int[] lengths) {
        this.memory = memory;
        this.queries = steps;
        this.keys = memorySteps;
        this.batch = batch;
        this.lengths = lengths;
        pq = queryMap.forward(states, steps * batch);
        pk = keyMap.forward(memory, memorySteps * batch);
        p = new double[batch][steps][memorySteps];
        double[] context = new double[steps * batch * hidden];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < steps; i++) {
                double max = Double.NEGATIVE_INFINITY;
                double[] e = new double[lengths[b]];
                for (int j = 0; j < lengths[b]; j++) {
                    for (int a = 0; a < size; a++) e[j] += score.value()[a] * u(b, i, j, a);
                    max = Math.max(max, e[j]);
                }
                double sum = 0;
                for (int j = 0; j < lengths[b]; j++) sum += Math.exp(e[j] - max);
                for (int j = 0; j < lengths[b]; j++) {
                    p[b][i][j] = Math.exp(e[j] - max) / sum;
                    for (int c = 0; c < hidden; c++) {
                        context[(i * batch + b) * hidden + c] += p[b][i][j] * memory[(j * batch + b) * hidden + c];
                    }
                }
            }
        }
        return context;
    }

    private double u(int b, int i, int j, int a) {
        return Math.tanh(pq[(i * batch + b) * size + a] + pk[(j * batch + b) * size + a]);
    }

    public Gradients backward(double[] dContext) {
        double[] dMemory = new double[memory.length];
        double[] dq = new double[pq.length], dk = new double[pk.length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < queries; i++) {
                double[] dp = new double[lengths[b]];
                double dot = 0;
                for (int j = 0; j < lengths[b]; j++) {
                    for (int c = 0; c < hidden; c++) {
                        double dc = dContext[(i * batch + b) * hidden + c];
                        dp[j] += dc * memory[(j * batch + b) * hidden + c];
                        dMemory[(j * batch + b) * hidden + c] += p[b][i][j] * dc;
                    }
                    dot += p[b][i][j] * dp[j];
                }
                for (int j = 0; j < lengths[b]; j++) {
                    double de = p[b][i][j] * (dp[j] - dot);
                    for (int a = 0; a < size; a++) {
                        double t = u(b, i, j, a);
                        score.grad()[a] += de * t;
                        double du = de * score.value()[a] * (1 - t * t);
                        dq[(i * batch + b) * size + a] += du;
                        dk[(j * batch + b) * size + a] += du;
                    }
                }
            }
        }
        double[] dStates = queryMap.backward(dq);
        double[] dKeys = keyMap.backward(dk);
        for (int i = 0; i < dMemory.length; i++) dMemory[i] += dKeys[i];
        return new Gradients(dStates, dMemory);
    }
}

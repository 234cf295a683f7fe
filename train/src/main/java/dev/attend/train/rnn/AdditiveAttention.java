package dev.attend.train.rnn;

import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.Parallel;
import dev.attend.core.Softmax;
import dev.attend.train.layers.Linear;
import dev.attend.train.layers.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Additive attention (Bahdanau et al. 2014) of decoder states over encoder states, with its backward pass:
 * <pre>
 * e_ij = vᵀ tanh(W_q s_i + b_q + W_k h_j + b_k)     (j < the source's length; later positions are padding)
 * α_i  = softmax_j(e_i)                           c_i = Σ_j α_ij h_j
 * </pre>
 * Both sequences are time-major (row {@code t·B + b}). The projections are {@link Linear} maps; the score and its
 * gradient run per batch item over {@link Parallel}'s threads; the context and the memory gradient are core GEMMs
 * over strided views of one item. Backward: dα = dC·Hᵀ, dH += αᵀ·dC, de = α ⊙ (dα − Σ_j α dα),
 * du = de·v ⊙ (1 − u²) with u = tanh(…), dv += Σ de·u, d(W_q s_i) = Σ_j du_ij, d(W_k h_j) = Σ_i du_ij.
 */
public final class AdditiveAttention {

    /** What backward returns: the gradients of the decoder states (queries) and of the encoder states (memory). */
    public record Gradients(float[] queries, float[] memory) {}

    private final Linear queryMap;  // s → [A]
    private final Linear keyMap;    // h → [A]
    private final Parameter score;  // v [1, A]
    private final int hidden;
    private final int size;         // A
    private float[] memory;         // [S·B, H]
    private float[] projectedQueries; // [T·B, A]
    private float[][] tanh;         // [B][T, S, A]: u
    private float[][] weights;      // [B][T, S]: α, 0 on padding
    private int[] lengths;
    private int queries;
    private int keys;
    private int batch;

    /** Parameters {@code prefix.query.*} [A, H], {@code prefix.key.*} [A, H], {@code prefix.score.weight} [1, A]. */
    public AdditiveAttention(String prefix, int hidden, int size, RandomGenerator random, double std) {
        this.hidden = hidden;
        this.size = size;
        this.queryMap = new Linear(prefix + ".query", hidden, size, random, std);
        this.keyMap = new Linear(prefix + ".key", hidden, size, random, std);
        this.score = Parameter.matrix(prefix + ".score.weight", 1, size, random, std);
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(queryMap.parameters());
        all.addAll(keyMap.parameters());
        all.add(score);
        return all;
    }

    Linear queryMap() {
        return queryMap;
    }

    Linear keyMap() {
        return keyMap;
    }

    /** states [T·B, H] attend to memory [S·B, H] (item b's keys from lengths[b] on are padding) → contexts [T·B, H]. */
    public float[] forward(float[] states, int steps, float[] memory, int memorySteps, int batch, int[] lengths) {
        this.memory = memory;
        this.queries = steps;
        this.keys = memorySteps;
        this.batch = batch;
        this.lengths = lengths;
        projectedQueries = queryMap.forward(states, steps * batch);
        float[] projectedKeys = keyMap.forward(memory, memorySteps * batch); // [S·B, A]
        tanh = new float[batch][steps * memorySteps * size];
        weights = new float[batch][steps * memorySteps];
        float[] context = new float[steps * batch * hidden]; // [T·B, H]
        float[] v = score.value();
        Parallel.forRange(batch, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int length = lengths[b];
                float[] u = tanh[b], e = weights[b];
                for (int i = 0; i < steps; i++) {
                    int q = (i * batch + b) * size;
                    for (int j = 0; j < length; j++) {
                        int k = (j * batch + b) * size, at = (i * memorySteps + j) * size;
                        float sum = 0;
                        for (int a = 0; a < size; a++) {
                            float t = Activations.tanh(projectedQueries[q + a] + projectedKeys[k + a]);
                            u[at + a] = t;
                            sum += v[a] * t;
                        }
                        e[i * memorySteps + j] = sum;
                    }
                    Softmax.row(e, i * memorySteps, length);
                }
                Gemm.multiply(itemWeights(b), false, item(memory, b, length), false, item(context, b, steps), false);
            }
        });
        return context;
    }

    /** The last forward's weights α of batch item b: [T, S] (row = decoder step), 0 on padded positions. */
    public float[] weights(int b) {
        return weights[b];
    }

    public Gradients backward(float[] dContext) {
        float[] dMemory = new float[memory.length];                 // [S·B, H]
        float[] dQueries = new float[projectedQueries.length];      // [T·B, A]
        float[] dKeys = new float[keys * batch * size];             // [S·B, A]
        float[] dScore = new float[batch * size];                   // [B, A], summed over items in order below
        float[] v = score.value();
        Parallel.forRange(batch, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int length = lengths[b];
                float[] dWeights = new float[queries * length];     // [T, len]
                Gemm.multiply(item(dContext, b, queries), false, item(memory, b, length), true,
                        MatrixView.of(dWeights, queries, length), false); // dα = dC · Hᵀ
                Gemm.multiply(itemWeights(b), true, item(dContext, b, queries), false, item(dMemory, b, length), false); // dH = αᵀ · dC
                float[] u = tanh[b], p = weights[b];
                for (int i = 0; i < queries; i++) {
                    float dot = 0;
                    for (int j = 0; j < length; j++) dot += p[i * keys + j] * dWeights[i * length + j];
                    int q = (i * batch + b) * size;
                    for (int j = 0; j < length; j++) {
                        float de = p[i * keys + j] * (dWeights[i * length + j] - dot);
                        int k = (j * batch + b) * size, at = (i * keys + j) * size;
                        for (int a = 0; a < size; a++) {
                            float t = u[at + a];
                            dScore[b * size + a] += de * t;
                            float du = de * v[a] * (1 - t * t);
                            dQueries[q + a] += du;
                            dKeys[k + a] += du;
                        }
                    }
                }
            }
        });
        float[] dv = score.grad();
        for (int b = 0; b < batch; b++) {
            for (int a = 0; a < size; a++) dv[a] += dScore[b * size + a];
        }
        float[] dStates = queryMap.backward(dQueries);
        float[] dMemoryKeys = keyMap.backward(dKeys);
        for (int i = 0; i < dMemory.length; i++) dMemory[i] += dMemoryKeys[i];
        return new Gradients(dStates, dMemory);
    }

    /** Batch item b's α: [T, len] of the row-major [T, S]. */
    private MatrixView itemWeights(int b) {
        return new MatrixView(weights[b], 0, queries, lengths[b], keys);
    }

    /** Batch item b's first n rows of a time-major [steps·B, H] buffer: [n, H] with stride B·H. */
    private MatrixView item(float[] buffer, int b, int n) {
        return new MatrixView(buffer, b * hidden, n, hidden, batch * hidden);
    }
}

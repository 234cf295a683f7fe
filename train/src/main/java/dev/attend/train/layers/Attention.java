package dev.attend.train.layers;

import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.Parallel;
import dev.attend.core.attention.AttentionMask;
import dev.attend.core.attention.AttentionShape;
import dev.attend.core.attention.ScaledDotProductAttention;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Multi-head attention with its backward pass, self or cross: queries come from the input x [batch·T, hidden],
 * keys and values from a memory [batch·S, hidden] (x itself for self-attention). Q, K, V and the output are
 * {@link Linear} maps; the attention itself is core's {@link ScaledDotProductAttention}, which also hands back the
 * weights P = softmax(Q·Kᵀ/√d + mask) [heads, T, S] per batch item that backward needs. Keys from
 * {@code keyLengths[b]} on are padding; with {@code causal} query i sees keys j ≤ i + (S − T).
 *
 * <p>Backward per (batch item, head), with dO the gradient of that head's context [T, d]:
 * dV = Pᵀ·dO, dP = dO·Vᵀ, dZ = P ⊙ (dP − rowsum(P ⊙ dP)) / √d (without the 1/√d when unscaled), dQ = dZ·K,
 * dK = dZᵀ·Q. Masked weights are 0, so
 * masked pairs pass no gradient.
 *
 * <p>Head mask ξ (Michel et al. 2019): head h's context is multiplied by ξ_h before the output map (1 keeps the head,
 * 0 switches it off; default all 1). Backward gives ∂L/∂ξ_h = Σ_{i,c} dC_h ⊙ C_h per batch item, with C_h the
 * unscaled context and dC_h its gradient after the mask, and passes ξ_h · dC_h on into the head.
 */
public final class Attention {

    /** What backward returns: the gradient of the query input and of the memory (key/value input). */
    public record Gradients(float[] input, float[] memory) {}

    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final int hidden;
    private final int heads;
    private final int headDim;
    private final boolean causal;
    private final boolean scaled;
    private float[] q;         // [batch·T, hidden]
    private float[] k;         // [batch·S, hidden]
    private float[] v;         // [batch·S, hidden]
    private float[][] weights; // [batch][heads, T, S]
    private float[] context;   // [batch·T, hidden], before the head mask
    private float[] headMask;  // [heads], null = every head kept
    private float[] headMaskGradients; // [batch·heads], from the last backward
    private int batch;
    private int queries;
    private int keys;

    /** Parameters are named as in Hugging Face BERT: {@code prefix.self.query.weight}, ..., {@code prefix.output.dense.weight}. */
    public Attention(String prefix, int hidden, int heads, boolean causal, RandomGenerator random, double std) {
        this(prefix, hidden, heads, causal, true, random, std);
    }

    /**
     * With {@code scaled} false the logits are Q·Kᵀ, not Q·Kᵀ/√d: the queries go into core's attention multiplied
     * by √d, which its 1/√d undoes.
     */
    public Attention(String prefix, int hidden, int heads, boolean causal, boolean scaled, RandomGenerator random, double std) {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not divisible by " + heads + " heads");
        }
        this.hidden = hidden;
        this.heads = heads;
        this.headDim = hidden / heads;
        this.causal = causal;
        this.scaled = scaled;
        this.query = new Linear(prefix + ".self.query", hidden, hidden, random, std);
        this.key = new Linear(prefix + ".self.key", hidden, hidden, random, std);
        this.value = new Linear(prefix + ".self.value", hidden, hidden, random, std);
        this.output = new Linear(prefix + ".output.dense", hidden, hidden, random, std);
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Linear l : List.of(query, key, value, output)) {
            all.addAll(l.parameters());
        }
        return all;
    }

    public int heads() {
        return heads;
    }

    public boolean causal() {
        return causal;
    }

    /** True when the logits are divided by √d (the default). */
    public boolean scaled() {
        return scaled;
    }

    /** ξ [heads] multiplies each head's context (null keeps every head); used by the following passes. */
    public void setHeadMask(float[] mask) {
        if (mask != null && mask.length != heads) {
            throw new IllegalArgumentException("head mask has " + mask.length + " entries for " + heads + " heads");
        }
        this.headMask = mask == null ? null : mask.clone();
    }

    /** ∂L/∂ξ of the last backward per batch item: [batch·heads] (summed over the item's queries). */
    public float[] headMaskGradients() {
        return headMaskGradients;
    }

    /** Self-attention: x [batch·T, hidden] → [batch·T, hidden]. */
    public float[] forward(float[] x, int batch, int tokens, int[] lengths) {
        return forward(x, tokens, x, tokens, batch, lengths);
    }

    /** Cross-attention: x [batch·T, hidden] attends to memory [batch·S, hidden] → [batch·T, hidden]. */
    public float[] forward(float[] x, int tokens, float[] memory, int memoryTokens, int batch, int[] keyLengths) {
        this.batch = batch;
        this.queries = tokens;
        this.keys = memoryTokens;
        q = query.forward(x, batch * tokens);
        k = key.forward(memory, batch * memoryTokens);
        v = value.forward(memory, batch * memoryTokens);
        context = new float[batch * tokens * hidden]; // [batch·T, hidden]
        weights = new float[batch][heads * tokens * memoryTokens];
        AttentionShape shape = AttentionShape.of(heads, tokens, memoryTokens, headDim);
        float[] queriesIn = scaled ? q : times(q, (float) Math.sqrt(headDim)); // core divides by √d
        Parallel.forRange(batch, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                ScaledDotProductAttention.compute(rows(queriesIn, b, tokens), rows(k, b, memoryTokens), rows(v, b, memoryTokens),
                        shape, new AttentionMask(keyLengths[b], causal, null, null), null, rows(context, b, tokens),
                        weights[b]);
            }
        });
        return output.forward(masked(context), batch * tokens);
    }

    private static float[] times(float[] x, float factor) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] * factor;
        return y;
    }

    /** The context with head h's columns multiplied by ξ_h: [rows, hidden]. */
    private float[] masked(float[] context) {
        if (headMask == null) return context;
        float[] out = context.clone();
        for (int r = 0; r < out.length / hidden; r++) {
            for (int c = 0; c < hidden; c++) {
                out[r * hidden + c] *= headMask[c / headDim];
            }
        }
        return out;
    }

    /** The last forward's attention weights of batch item b: [heads, T, S]. */
    public float[] weights(int b) {
        return weights[b];
    }

    public Gradients backward(float[] dOut) {
        float[] dContext = output.backward(dOut); // [batch·T, hidden]
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        headMaskGradients = new float[batch * heads];
        Parallel.forRange(batch * heads, 1, (from, to) -> {
            for (int task = from; task < to; task++) {
                headBackward(task / heads, task % heads, dContext, dq, dk, dv);
            }
        });
        float[] dx = query.backward(dq);
        float[] dMemory = key.backward(dk);
        float[] dMemoryValues = value.backward(dv);
        for (int i = 0; i < dMemory.length; i++) {
            dMemory[i] += dMemoryValues[i];
        }
        return new Gradients(dx, dMemory);
    }

    private void headBackward(int b, int h, float[] dContext, float[] dq, float[] dk, float[] dv) {
        int t = queries, s = keys;
        MatrixView p = new MatrixView(weights[b], h * t * s, t, s, s); // [T, S]
        MatrixView dO = head(dContext, b, t, h);                       // [T, d]
        maskBackward(b, h, dO);
        float[] dZ = new float[t * s];                                  // [T, S]
        MatrixView dZView = MatrixView.of(dZ, t, s);
        Gemm.multiply(dO, false, head(v, b, s, h), true, dZView, false); // dP = dO · Vᵀ
        Gemm.multiply(p, true, dO, false, head(dv, b, s, h), false);     // dV = Pᵀ · dO
        float scale = scaled ? (float) (1 / Math.sqrt(headDim)) : 1f;
        float[] pw = weights[b];
        for (int i = 0; i < t; i++) {
            int row = h * t * s + i * s;
            float dot = 0;
            for (int j = 0; j < s; j++) {
                dot += pw[row + j] * dZ[i * s + j];
            }
            for (int j = 0; j < s; j++) {
                dZ[i * s + j] = pw[row + j] * (dZ[i * s + j] - dot) * scale;
            }
        }
        Gemm.multiply(dZView, false, head(k, b, s, h), false, head(dq, b, t, h), false); // dQ = dZ · K
        Gemm.multiply(dZView, true, head(q, b, t, h), false, head(dk, b, s, h), false);  // dK = dZᵀ · Q
    }

    /** ∂L/∂ξ_h of item b = Σ dO ⊙ context; then dO becomes the gradient before the mask, ξ_h · dO. */
    private void maskBackward(int b, int h, MatrixView dO) {
        MatrixView c = head(context, b, queries, h);
        double sum = 0;
        float keep = headMask == null ? 1f : headMask[h];
        for (int i = 0; i < dO.rows(); i++) {
            for (int j = 0; j < headDim; j++) {
                int at = dO.offset() + i * dO.stride() + j;
                sum += (double) dO.data()[at] * c.data()[c.offset() + i * c.stride() + j];
                dO.data()[at] *= keep;
            }
        }
        headMaskGradients[b * heads + h] = (float) sum;
    }

    /** Batch item b of a token-major buffer: [n, hidden]. */
    private MatrixView rows(float[] buffer, int b, int n) {
        return new MatrixView(buffer, b * n * hidden, n, hidden, hidden);
    }

    /** Head h of batch item b: the column slice [n, d] with stride hidden. */
    private MatrixView head(float[] buffer, int b, int n, int h) {
        return new MatrixView(buffer, b * n * hidden + h * headDim, n, headDim, hidden);
    }
}

package dev.attend.train.layers;

import java.util.ArrayList;
import java.util.List;

/**
 * The double-precision twin of {@link Attention}: every product, softmax and mask written as plain loops over
 * (batch item, head, query, key), the head mask ξ included (context_h · ξ_h; ∂L/∂ξ_h = Σ dContext_h · context_h).
 */
public final class AttentionReference {

    public record Gradients(double[] input, double[] memory) {}

    private final LinearReference query;
    private final LinearReference key;
    private final LinearReference value;
    private final LinearReference output;
    private final int hidden;
    private final int heads;
    private final int headDim;
    private final boolean causal;
    private final double scale;
    private double[] q;         // [batch·T, hidden]
    private double[] k;         // [batch·S, hidden]
    private double[] v;         // [batch·S, hidden]
    private double[][][][] p;   // [batch][heads][T][S]
    private double[] context;   // [batch·T, hidden], before the head mask
    private double[] headMask;  // [heads], null = every head kept
    private double[] headMaskGradients; // [batch·heads]
    private int batch;
    private int queries;
    private int keys;

    public AttentionReference(Attention fast) {
        List<Parameter> parameters = fast.parameters();
        this.query = linear(parameters, 0);
        this.key = linear(parameters, 2);
        this.value = linear(parameters, 4);
        this.output = linear(parameters, 6);
        this.hidden = parameters.get(0).shape()[0];
        this.heads = fast.heads();
        this.headDim = hidden / heads;
        this.causal = fast.causal();
        this.scale = fast.scaled() ? 1 / Math.sqrt(headDim) : 1;
    }

    private static LinearReference linear(List<Parameter> p, int first) {
        return new LinearReference(p.get(first), p.get(first + 1));
    }

    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>();
        for (LinearReference l : List.of(query, key, value, output)) {
            all.addAll(l.parameters());
        }
        return all;
    }

    public void setHeadMask(double[] mask) {
        this.headMask = mask == null ? null : mask.clone();
    }

    /** ∂L/∂ξ of the last backward per batch item: [batch·heads]. */
    public double[] headMaskGradients() {
        return headMaskGradients;
    }

    public double[] forward(double[] x, int batch, int tokens, int[] lengths) {
        return forward(x, tokens, x, tokens, batch, lengths);
    }

    public double[] forward(double[] x, int tokens, double[] memory, int memoryTokens, int batch, int[] keyLengths) {
        this.batch = batch;
        this.queries = tokens;
        this.keys = memoryTokens;
        q = query.forward(x, batch * tokens);
        k = key.forward(memory, batch * memoryTokens);
        v = value.forward(memory, batch * memoryTokens);
        p = new double[batch][heads][tokens][memoryTokens];
        context = new double[batch * tokens * hidden]; // [batch·T, hidden]
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < tokens; i++) {
                    double[] logits = new double[memoryTokens];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < memoryTokens; j++) {
                        logits[j] = visible(i, j, keyLengths[b]) ? dot(b, h, i, j) * scale : Double.NEGATIVE_INFINITY;
                        max = Math.max(max, logits[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < memoryTokens; j++) {
                        sum += logits[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(logits[j] - max);
                    }
                    for (int j = 0; j < memoryTokens; j++) {
                        p[b][h][i][j] = logits[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(logits[j] - max) / sum;
                        for (int c = 0; c < headDim; c++) {
                            context[(b * tokens + i) * hidden + h * headDim + c] +=
                                    p[b][h][i][j] * v[(b * memoryTokens + j) * hidden + h * headDim + c];
                        }
                    }
                }
            }
        }
        double[] masked = new double[context.length];
        for (int r = 0; r < batch * tokens; r++) {
            for (int c = 0; c < hidden; c++) {
                masked[r * hidden + c] = context[r * hidden + c] * keep(c / headDim);
            }
        }
        return output.forward(masked, batch * tokens);
    }

    private double keep(int h) {
        return headMask == null ? 1 : headMask[h];
    }

    public Gradients backward(double[] dOut) {
        double[] dContext = output.backward(dOut);
        headMaskGradients = new double[batch * heads];
        for (int r = 0; r < batch * queries; r++) {
            for (int c = 0; c < hidden; c++) {
                headMaskGradients[(r / queries) * heads + c / headDim] += dContext[r * hidden + c] * context[r * hidden + c];
                dContext[r * hidden + c] *= keep(c / headDim);
            }
        }
        double[] dq = new double[q.length], dk = new double[k.length], dv = new double[v.length];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < queries; i++) {
                    int qi = (b * queries + i) * hidden + h * headDim;
                    double[] dP = new double[keys];
                    double rowDot = 0;
                    for (int j = 0; j < keys; j++) {
                        int kj = (b * keys + j) * hidden + h * headDim;
                        for (int c = 0; c < headDim; c++) {
                            dP[j] += dContext[qi + c] * v[kj + c];
                            dv[kj + c] += p[b][h][i][j] * dContext[qi + c];
                        }
                        rowDot += p[b][h][i][j] * dP[j];
                    }
                    for (int j = 0; j < keys; j++) {
                        int kj = (b * keys + j) * hidden + h * headDim;
                        double dLogit = p[b][h][i][j] * (dP[j] - rowDot) * scale;
                        for (int c = 0; c < headDim; c++) {
                            dq[qi + c] += dLogit * k[kj + c];
                            dk[kj + c] += dLogit * q[qi + c];
                        }
                    }
                }
            }
        }
        double[] dx = query.backward(dq);
        double[] dMemory = key.backward(dk);
        double[] dMemoryValues = value.backward(dv);
        for (int i = 0; i < dMemory.length; i++) {
            dMemory[i] += dMemoryValues[i];
        }
        return new Gradients(dx, dMemory);
    }

    private boolean visible(int i, int j, int keyLength) {
        return j < keyLength && (!causal || j <= i + (keys - queries));
    }

    private double dot(int b, int h, int i, int j) {
        double sum = 0;
        for (int c = 0; c < headDim; c++) {
            sum += q[(b * queries + i) * hidden + h * headDim + c] * k[(b * keys + j) * hidden + h * headDim + c];
        }
        return sum;
    }
}

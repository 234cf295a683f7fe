package dev.attend.analysis.aggregate;

import dev.attend.model.InputException;

/**
 * Attention flow (Abnar &amp; Zuidema 2020): the attention graph has a node per token per layer boundary
 * ((L + 1)·n nodes; layer 0 is the input embeddings) and an edge from token i after layer k to token j before it
 * with capacity A_k[i][j], the head-averaged attention with the residual added ({@link ResidualAttention}).
 * The flow of output token i after layer l to input token j is the maximum flow from node (l, i) to node (0, j);
 * as in the authors' code, each output token's flows are then divided by their sum, so a row sums to 1 like a
 * row of rollout. After the first layer every path is a single edge, so flow equals rollout there.
 *
 * <p>Cost: one maximum flow per (layer, output token, input token), each over up to L·n² edges — about
 * outputs · n³ · L² / 2 edge visits for L layers. {@link #MAX_WORK} caps it (refused with an
 * {@link InputException} before any work): for a 6-layer model, all output tokens up to 41 tokens, one output
 * token (e.g. [CLS]) up to 141 tokens.
 */
public final class AttentionFlow {
    /** The most edge visits one call may need: 50-160 ns each on the 2-core development machine, so 3-10 s. */
    public static final long MAX_WORK = 60_000_000L;

    private AttentionFlow() {}

    /** Flows of every output token: [layers][n][n]. */
    public static double[][][] of(double[][][] raw) {
        int n = raw.length == 0 ? 0 : raw[0].length;
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        return of(raw, all);
    }

    /**
     * Flows of the output tokens marked in {@code outputs}: [layers][n][n], rows of unmarked tokens left zero.
     * @param raw [layers][n][n] head-averaged attention (rows are queries)
     */
    public static double[][][] of(double[][][] raw, boolean[] outputs) {
        int layers = raw.length;
        int n = outputs.length;
        int marked = 0;
        for (boolean o : outputs) if (o) marked++;
        check(layers, n, marked);
        double[][][] a = ResidualAttention.of(raw);
        MaxFlow graph = new MaxFlow((layers + 1) * n);
        for (int k = 1; k <= layers; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (a[k - 1][i][j] > 0) graph.addEdge(k * n + i, (k - 1) * n + j, a[k - 1][i][j]);
                }
            }
        }
        double[][][] out = new double[layers][n][n];
        for (int l = 1; l <= layers; l++) {
            for (int i = 0; i < n; i++) {
                if (!outputs[i]) continue;
                double[] row = out[l - 1][i];
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    row[j] = graph.maxFlow(l * n + i, j);
                    sum += row[j];
                }
                for (int j = 0; j < n; j++) row[j] /= sum;
            }
        }
        return out;
    }

    /** The estimated edge visits of {@link #of}: outputs · n³ · L(L+1)/2. */
    public static long work(int layers, int n, int outputs) {
        return (long) outputs * n * n * n * layers * (layers + 1) / 2;
    }

    /** Refuses, with what to change, a flow computation that would take more than {@link #MAX_WORK}. */
    public static void check(int layers, int n, int outputs) {
        if (work(layers, n, outputs) > MAX_WORK) {
            throw new InputException("attention flow for " + outputs + " output token" + (outputs == 1 ? "" : "s") + " over "
                    + n + " tokens and " + layers + " layers is too costly (it grows as tokens³ · outputs · layers²); "
                    + "use at most " + maxTokens(layers, true) + " tokens for every output token, "
                    + maxTokens(layers, false) + " for one, or use rollout");
        }
    }

    /** The most tokens whose flows (of every output token, or of one) {@link #check} lets through. */
    public static int maxTokens(int layers, boolean everyOutput) {
        int n = 1;
        while (work(layers, n + 1, everyOutput ? n + 1 : 1) <= MAX_WORK) n++;
        return n;
    }
}

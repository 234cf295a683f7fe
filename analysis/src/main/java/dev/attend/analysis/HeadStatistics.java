package dev.attend.analysis;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.tokenize.TokenizedText;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming per-head statistics over a corpus: {@link #add} folds in one text's attention and keeps only
 * running sums (layers × heads × 10 numbers), so a corpus of any size runs in bounded memory. Over tokens, or
 * over words ({@link AttentionUnits}).
 */
public final class HeadStatistics {
    private static final int ENTROPY = 0, CLS = 1, SEP = 2, PUNCT = 3, SELF = 4, PREV = 5, NEXT = 6, CONFIDENCE = 7,
            ARGMAX_PREV = 8, ARGMAX_NEXT = 9, SUMS = 10;

    private final int layers;
    private final int heads;
    private final boolean words;
    private final double[][] sums; // [layers · heads][SUMS] running sums
    private long texts;
    private long tokens;
    private long queries, prevQueries, nextQueries; // query positions; those that have a previous / next position

    /** Token-level statistics. */
    public HeadStatistics(int layers, int heads) {
        this(layers, heads, false);
    }

    /** @param words word-level (pieces merged, [CLS]/[SEP] not queries) instead of token-level */
    public HeadStatistics(int layers, int heads, boolean words) {
        this.layers = layers;
        this.heads = heads;
        this.words = words;
        this.sums = new double[layers * heads][SUMS];
    }

    public void add(AttentionTrace trace) {
        if (trace.layers() != layers || trace.heads() != heads) {
            throw new IllegalArgumentException("trace has " + trace.layers() + "×" + trace.heads() + " heads, statistics "
                    + layers + "×" + heads);
        }
        AttentionUnits u = words ? AttentionUnits.words(trace) : AttentionUnits.tokens(trace.keyTokens());
        int n = u.size();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                float[] a = u.matrix(trace, l, h); // [n, n]
                double[] s = sums[l * heads + h];
                for (int i = 0; i < n; i++) {
                    if (u.query()[i]) addRow(a, i * n, i, u, s);
                }
            }
        }
        count(u, trace.queries());
    }

    /**
     * Token-level statistics of several texts from one forward pass that streams the weights block by block
     * ({@link AttentionModel#streamAttention}): each block's rows are folded in on the thread that softmaxed them,
     * while they are in cache, and no [heads, n, n] array is made. Same numbers as {@link #add} of each text's trace
     * (up to the order of the additions); the sums of each (text, layer, head, block) are kept apart and added in
     * a fixed order afterwards, so the result does not depend on the thread count.
     */
    public void addBatch(AttentionModel model, List<TokenizedText> texts) {
        if (words) {
            throw new IllegalStateException("word-level statistics need each text's trace: use add(AttentionTrace)");
        }
        if (model.config().numLayers() != layers || model.config().numHeads() != heads) {
            throw new IllegalArgumentException("model has " + model.config().numLayers() + "×" + model.config().numHeads()
                    + " heads, statistics " + layers + "×" + heads);
        }
        int batch = texts.size();
        int n = texts.stream().mapToInt(TokenizedText::size).max().orElse(0);
        AttentionUnits[] units = new AttentionUnits[batch];
        for (int b = 0; b < batch; b++) {
            units[b] = AttentionUnits.tokens(texts.get(b).tokens());
        }
        double[][] blockSums = new double[batch * layers * heads * n][]; // [text, layer, head, first query] → SUMS
        model.streamAttention(texts, (b, l, h, firstQuery, rows, a, offset, stride) -> {
            AttentionUnits u = units[b];
            double[] s = new double[SUMS];
            for (int r = 0; r < rows; r++) {
                addRow(a, offset + r * stride, firstQuery + r, u, s);
            }
            blockSums[((b * layers + l) * heads + h) * n + firstQuery] = s;
        });
        for (int b = 0; b < batch; b++) {
            for (int lh = 0; lh < layers * heads; lh++) {
                double[] s = sums[lh];
                for (int i = 0; i < n; i++) {
                    double[] part = blockSums[(b * layers * heads + lh) * n + i];
                    if (part == null) continue;
                    for (int k = 0; k < SUMS; k++) s[k] += part[k];
                }
            }
            count(units[b], texts.get(b).size());
        }
    }

    /** Folds query {@code i}'s weights {@code a[row .. row + u.size())} into the running sums {@code s}. */
    private static void addRow(float[] a, int row, int i, AttentionUnits u, double[] s) {
        int n = u.size(), argmax = 0;
        for (int j = 0; j < n; j++) {
            float w = a[row + j];
            if (w > 0) s[ENTROPY] -= w * Math.log(w);
            if (u.cls()[j]) s[CLS] += w;
            if (u.sep()[j]) s[SEP] += w;
            if (u.punct()[j]) s[PUNCT] += w;
            if (w > a[row + argmax]) argmax = j;
        }
        s[SELF] += a[row + i];
        s[CONFIDENCE] += a[row + argmax];
        int p = u.prev()[i], x = u.next()[i];
        if (p >= 0) {
            s[PREV] += a[row + p];
            if (argmax == p) s[ARGMAX_PREV]++;
        }
        if (x >= 0) {
            s[NEXT] += a[row + x];
            if (argmax == x) s[ARGMAX_NEXT]++;
        }
    }

    /** One more text of {@code tokenCount} tokens with these query positions. */
    private void count(AttentionUnits u, int tokenCount) {
        for (int i = 0; i < u.size(); i++) {
            if (!u.query()[i]) continue;
            queries++;
            if (u.prev()[i] >= 0) prevQueries++;
            if (u.next()[i] >= 0) nextQueries++;
        }
        texts++;
        tokens += tokenCount;
    }

    public long texts() {
        return texts;
    }

    public long tokens() {
        return tokens;
    }

    /** Means per head, in layer-then-head order. */
    public List<HeadSummary> summaries() {
        List<HeadSummary> out = new ArrayList<>(layers * heads);
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                double[] s = sums[l * heads + h];
                out.add(new HeadSummary(l, h, s[ENTROPY] / queries, s[CLS] / queries, s[SEP] / queries, s[PUNCT] / queries,
                        s[SELF] / queries, s[PREV] / prevQueries, s[NEXT] / nextQueries, s[CONFIDENCE] / queries,
                        s[ARGMAX_PREV] / prevQueries, s[ARGMAX_NEXT] / nextQueries));
            }
        }
        return out;
    }
}

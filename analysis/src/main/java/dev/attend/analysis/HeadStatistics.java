package dev.attend.analysis;

import dev.attend.model.AttentionTrace;

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
        AttentionUnits u = words ? AttentionUnits.words(trace) : AttentionUnits.tokens(trace);
        int n = u.size();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                float[] a = u.matrix(trace, l, h); // [n, n]
                double[] s = sums[l * heads + h];
                for (int i = 0; i < n; i++) {
                    if (!u.query()[i]) continue;
                    int row = i * n, argmax = 0;
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
            }
        }
        for (int i = 0; i < n; i++) {
            if (!u.query()[i]) continue;
            queries++;
            if (u.prev()[i] >= 0) prevQueries++;
            if (u.next()[i] >= 0) nextQueries++;
        }
        texts++;
        tokens += trace.queries();
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

package dev.attend.analysis;

import dev.attend.model.AttentionTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming per-head statistics over a corpus: {@link #add} folds in one text's attention and keeps only
 * running sums (layers × heads × 6 numbers), so a corpus of any size runs in bounded memory.
 */
public final class HeadStatistics {
    private final int layers;
    private final int heads;
    private final double[] entropy, cls, sep, self, prev, next; // [layers · heads] running sums
    private long texts;
    private long tokens;
    private long neighbourQueries; // queries that have a previous token (= those that have a next token)

    public HeadStatistics(int layers, int heads) {
        this.layers = layers;
        this.heads = heads;
        int size = layers * heads;
        entropy = new double[size];
        cls = new double[size];
        sep = new double[size];
        self = new double[size];
        prev = new double[size];
        next = new double[size];
    }

    public void add(AttentionTrace trace) {
        if (trace.layers() != layers || trace.heads() != heads) {
            throw new IllegalArgumentException("trace has " + trace.layers() + "×" + trace.heads() + " heads, statistics "
                    + layers + "×" + heads);
        }
        int n = trace.queries();
        for (int l = 0; l < layers; l++) {
            float[] a = trace.attention()[l]; // [heads, n, n]
            for (int h = 0; h < heads; h++) {
                int k = l * heads + h;
                double e = 0, c = 0, s = 0, d = 0, p = 0, x = 0;
                for (int i = 0; i < n; i++) {
                    int row = (h * n + i) * n;
                    for (int j = 0; j < n; j++) {
                        float w = a[row + j];
                        if (w > 0) e -= w * Math.log(w);
                    }
                    c += a[row];
                    s += a[row + n - 1];
                    d += a[row + i];
                    if (i >= 1) p += a[row + i - 1];
                    if (i <= n - 2) x += a[row + i + 1];
                }
                entropy[k] += e;
                cls[k] += c;
                sep[k] += s;
                self[k] += d;
                prev[k] += p;
                next[k] += x;
            }
        }
        texts++;
        tokens += n;
        neighbourQueries += n - 1;
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
                int k = l * heads + h;
                out.add(new HeadSummary(l, h, entropy[k] / tokens, cls[k] / tokens, sep[k] / tokens, self[k] / tokens,
                        prev[k] / neighbourQueries, next[k] / neighbourQueries));
            }
        }
        return out;
    }
}

package dev.attend.analysis.explain;

/**
 * Spearman's rank correlation: the Pearson correlation of the two samples' ranks, where tied values share the
 * mean of the ranks they span. NaN when either sample is constant (no ranking) or has fewer than two values.
 */
public final class Spearman {
    private Spearman() {}

    public static double of(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException(x.length + " values against " + y.length);
        if (x.length < 2) return Double.NaN;
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks, ties averaged: ranks({10, 20, 20, 5}) = {2, 3.5, 3.5, 1}. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int k = 0; k < v.length; k++) {
            if (Double.isNaN(v[k])) throw new IllegalArgumentException("value " + k + " is NaN");
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] rank = new double[v.length];
        for (int start = 0; start < v.length; ) {
            int end = start;
            while (end + 1 < v.length && v[order[end + 1]] == v[order[start]]) end++;
            double mean = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) rank[order[k]] = mean;
            start = end + 1;
        }
        return rank;
    }

    private static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0, mb = 0;
        for (int k = 0; k < n; k++) {
            ma += a[k];
            mb += b[k];
        }
        ma /= n;
        mb /= n;
        double cov = 0, va = 0, vb = 0;
        for (int k = 0; k < n; k++) {
            cov += (a[k] - ma) * (b[k] - mb);
            va += (a[k] - ma) * (a[k] - ma);
            vb += (b[k] - mb) * (b[k] - mb);
        }
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }
}

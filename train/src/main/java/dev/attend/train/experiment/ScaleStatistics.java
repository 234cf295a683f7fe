package dev.attend.train.experiment;

import dev.attend.model.AttentionTrace;

import java.util.List;

/**
 * What dividing by √d does to one layer of a real model, measured on its captured queries and keys: the variance of
 * the raw logits q·k and of q·k/√d, and how saturated the softmax is with and without the scale, recomputed from q
 * and k (mean of each row's largest weight, the fraction of rows whose largest weight exceeds 0.99, mean entropy in
 * nats). {@code maxDeviation} is the largest difference between the recomputed scaled weights and the model's own,
 * a check that the captured q and k are what the model used.
 *
 * @param meanLogLength mean over rows of ln(keys), the entropy of uniform attention, for reference
 */
public record ScaleStatistics(int layer, int headDim, long pairs, double rawMean, double rawVariance, double scaledVariance,
                              double maxWeightScaled, double maxWeightUnscaled, double saturatedScaled,
                              double saturatedUnscaled, double entropyScaled, double entropyUnscaled,
                              double meanLogLength, double maxDeviation) {

    static final double SATURATED = 0.99;

    /** Layer {@code layer} over the traces (each traced with weights and vectors). */
    public static ScaleStatistics of(List<AttentionTrace> traces, int layer) {
        int d = traces.getFirst().headDim();
        double scale = 1 / Math.sqrt(d);
        double sum = 0, sumSquares = 0, deviation = 0;
        long pairs = 0, rows = 0;
        double[] maxWeight = new double[2], saturated = new double[2], entropy = new double[2];
        double logLength = 0;
        for (AttentionTrace t : traces) {
            float[] q = t.vectors().query()[layer], k = t.vectors().key()[layer]; // [heads, n, d]
            int n = t.queries(), m = t.keys();
            for (int h = 0; h < t.heads(); h++) {
                for (int i = 0; i < n; i++) {
                    double[] logits = new double[m];
                    for (int j = 0; j < m; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) dot += (double) q[(h * n + i) * d + c] * k[(h * m + j) * d + c];
                        logits[j] = dot;
                        sum += dot;
                        sumSquares += dot * dot;
                    }
                    pairs += m;
                    rows++;
                    logLength += Math.log(m);
                    for (int variant = 0; variant < 2; variant++) {
                        double[] p = softmax(logits, variant == 0 ? scale : 1);
                        double max = 0, h0 = 0;
                        for (int j = 0; j < m; j++) {
                            max = Math.max(max, p[j]);
                            if (p[j] > 0) h0 -= p[j] * Math.log(p[j]);
                            if (variant == 0) deviation = Math.max(deviation, Math.abs(p[j] - t.weight(layer, h, i, j)));
                        }
                        maxWeight[variant] += max;
                        if (max > SATURATED) saturated[variant]++;
                        entropy[variant] += h0;
                    }
                }
            }
        }
        double mean = sum / pairs, variance = sumSquares / pairs - mean * mean;
        return new ScaleStatistics(layer, d, pairs, mean, variance, variance * scale * scale, maxWeight[0] / rows,
                maxWeight[1] / rows, saturated[0] / rows, saturated[1] / rows, entropy[0] / rows, entropy[1] / rows,
                logLength / rows, deviation);
    }

    /** softmax(factor · logits), in double. */
    static double[] softmax(double[] logits, double factor) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) max = Math.max(max, l * factor);
        double[] p = new double[logits.length];
        double total = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(logits[j] * factor - max);
            total += p[j];
        }
        for (int j = 0; j < p.length; j++) p[j] /= total;
        return p;
    }
}

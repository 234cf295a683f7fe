package dev.attend.bench;

import java.util.Arrays;

/** Order statistics of repeated measurements: the median and the spread between two quantiles. */
public record Samples(double[] sorted) {

    public static Samples of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Samples(sorted);
    }

    public double median() {
        return quantile(0.5);
    }

    /** The q-quantile by linear interpolation between order statistics (q in [0, 1]). */
    public double quantile(double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** The middle 80 %: "low–high" between the 10th and 90th percentiles, with the format given for each. */
    public String spread(String format) {
        return format.formatted(quantile(0.1)) + "–" + format.formatted(quantile(0.9));
    }

    public int count() {
        return sorted.length;
    }
}

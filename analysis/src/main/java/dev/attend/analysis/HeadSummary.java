package dev.attend.analysis;

/**
 * One head's attention averaged over every query position of a corpus (token-weighted): mean entropy of a
 * query's row in nats, and the mean weight on [CLS] (position 0), on [SEP] (the last position), on itself,
 * on the previous token (over queries i ≥ 1) and on the next token (over queries i ≤ n − 2).
 */
public record HeadSummary(int layer, int head, double entropy, double cls, double sep, double self, double prev,
                          double next) {

    /** Above this mean weight one pattern names the head. */
    static final double PATTERN_THRESHOLD = 0.4;

    /** The head's strongest simple pattern, e.g. "prev-token head", or "broad" when none dominates. */
    public String pattern() {
        String[] names = {"[CLS] head", "[SEP] head", "self head", "prev-token head", "next-token head"};
        double[] values = {cls, sep, self, prev, next};
        int best = 0;
        for (int k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
        return values[best] >= PATTERN_THRESHOLD ? names[best] : "broad";
    }
}

package dev.attend.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * One head's attention averaged over every query position of a corpus (position-weighted): mean entropy of a
 * query's row in nats; the mean weight on [CLS], on [SEP], on punctuation, on itself, on the previous position
 * (over queries that have one) and on the next; confidence, the mean of a row's largest weight; and how often a
 * row's largest weight is on the previous (argmaxPrev) or next (argmaxNext) position.
 */
public record HeadSummary(int layer, int head, double entropy, double cls, double sep, double punct, double self,
                          double prev, double next, double confidence, double argmaxPrev, double argmaxNext) {

    /** Above this mean weight a target names the head (Clark et al. 2019). */
    static final double SHARE_THRESHOLD = 0.5;
    /** At least this fraction of rows with their largest weight at ±1 makes a positional head (Voita et al. 2019). */
    static final double POSITIONAL_THRESHOLD = 0.9;

    /** The head's roles, e.g. ["prev-token head", "positional −1"]; empty when none applies. */
    public List<String> roles() {
        List<String> roles = new ArrayList<>();
        if (prev > SHARE_THRESHOLD) roles.add("prev-token head");
        if (next > SHARE_THRESHOLD) roles.add("next-token head");
        if (argmaxPrev >= POSITIONAL_THRESHOLD) roles.add("positional −1");
        if (argmaxNext >= POSITIONAL_THRESHOLD) roles.add("positional +1");
        if (cls > SHARE_THRESHOLD) roles.add("[CLS] head");
        if (sep > SHARE_THRESHOLD) roles.add("[SEP] head");
        if (punct > SHARE_THRESHOLD) roles.add("punctuation head");
        if (self > SHARE_THRESHOLD) roles.add("self head");
        return roles;
    }

    /** The roles joined, or "broad" when none applies. */
    public String pattern() {
        List<String> roles = roles();
        return roles.isEmpty() ? "broad" : String.join(", ", roles);
    }
}

package dev.attend.train.induction;

/**
 * One sequence of the induction task: random tokens in which the segment {@code [first, first + length)} appears
 * again at {@code [second, second + length)}. From the second copy's first token on, the next token can be read off
 * the first copy: the token after the earlier occurrence of the current one.
 */
public record InductionExample(int[] tokens, int first, int second, int length) {

    public InductionExample {
        tokens = tokens.clone();
        if (first < 0 || first + length > second || second + length > tokens.length) {
            throw new IllegalArgumentException("segments [" + first + ", +" + length + ") and [" + second + ", +" + length
                    + ") do not fit " + tokens.length + " tokens in order without overlap");
        }
    }

    /** True when position t's next token is predictable by induction: t in [second, second + length − 1). */
    public boolean predictable(int t) {
        return t >= second && t < second + length - 1;
    }

    /** For a predictable t: the position in the first copy that holds the token after t (where an induction head looks). */
    public int source(int t) {
        return first + (t - second) + 1;
    }
}

package dev.attend.train.induction;

import java.util.random.RandomGenerator;

/**
 * Sequences of {@code tokens} tokens drawn uniformly from a vocabulary of {@code vocabulary}, with one segment of
 * {@code segment} tokens repeated: the first copy starts uniformly in [0, tokens − 2·segment], the second uniformly
 * after it (no overlap). Tokens are independent, so outside the second copy nothing beats chance (loss ln V): the only
 * structure to learn is the repeat.
 */
public record InductionGenerator(int vocabulary, int tokens, int segment) {

    public InductionGenerator {
        if (vocabulary < 2 || segment < 2 || 2 * segment > tokens) {
            throw new IllegalArgumentException("bad induction data: vocabulary " + vocabulary + ", " + tokens
                    + " tokens, segment " + segment);
        }
    }

    public InductionExample next(RandomGenerator random) {
        int[] ids = new int[tokens];
        for (int t = 0; t < tokens; t++) ids[t] = random.nextInt(vocabulary);
        int first = random.nextInt(tokens - 2 * segment + 1);
        int second = first + segment + random.nextInt(tokens - 2 * segment - first + 1);
        System.arraycopy(ids, first, ids, second, segment);
        return new InductionExample(ids, first, second, segment);
    }
}

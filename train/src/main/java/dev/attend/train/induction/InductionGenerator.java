package dev.attend.train.induction;

import java.util.random.RandomGenerator;

/**
 * Sequences of {@code tokens} tokens drawn uniformly from a vocabulary of {@code vocabulary}, with one segment of
 * {@code segment} tokens repeated: the distance between the copies' starts is uniform in [segment, tokens − segment]
 * (no overlap), then the first copy's start is uniform where both fit. A uniform distance leaves no favourite offset: when
 * the first copy's start was drawn first and the second's after it, the shortest distance was the most likely (a fifth
 * of the sequences at 32 tokens and segment 8), and a one-layer model scored ~20 %, likely by copying from that offset.
 * Tokens are independent, so outside the second copy nothing beats chance (loss ln V): the only
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
        int distance = segment + random.nextInt(tokens - 2 * segment + 1); // second − first, uniform in [segment, tokens − segment]
        int first = random.nextInt(tokens - segment - distance + 1);
        int second = first + distance;
        System.arraycopy(ids, first, ids, second, segment);
        return new InductionExample(ids, first, second, segment);
    }
}

package dev.attend.train.induction;

import dev.attend.train.DataStream;
import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.model.Batch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** The induction task's data: training batches from (seed, step), fixed tracked, test and probe sets. */
public final class InductionData {
    static final int PROBES = 2;
    private static final long TRACKED_SEED = 0x1DC7_0001L;
    private static final long TEST_SEED = 0x1DC7_0002L;
    private static final long PROBE_SEED = 0x1DC7_0003L;

    private InductionData() {}

    public static List<InductionExample> training(InductionGenerator generator, long seed, int step, int count) {
        return draw(generator, DataStream.at(seed, step), count);
    }

    /** The sequences followed at every probe snapshot. */
    public static List<InductionExample> tracked(InductionGenerator generator, int size) {
        return draw(generator, new SplittableRandom(TRACKED_SEED), size);
    }

    public static List<InductionExample> test(InductionGenerator generator, int size) {
        return draw(generator, new SplittableRandom(TEST_SEED), size);
    }

    public static List<InductionExample> probes(InductionGenerator generator) {
        return draw(generator, new SplittableRandom(PROBE_SEED), PROBES);
    }

    /** Next-token prediction at every position: read t predicts token t + 1 (the last position is not counted). */
    public static Batch batch(List<InductionExample> examples) {
        int size = examples.size(), tokens = examples.getFirst().tokens().length;
        int[] ids = new int[size * tokens], lengths = new int[size], read = new int[size * tokens], labels = new int[size * tokens];
        for (int b = 0; b < size; b++) {
            int[] sequence = examples.get(b).tokens();
            System.arraycopy(sequence, 0, ids, b * tokens, tokens);
            lengths[b] = tokens;
            for (int t = 0; t < tokens; t++) {
                read[b * tokens + t] = t;
                labels[b * tokens + t] = t + 1 < tokens ? sequence[t + 1] : SoftmaxCrossEntropy.IGNORE;
            }
        }
        return new Batch(ids, size, tokens, lengths, read, labels);
    }

    private static List<InductionExample> draw(InductionGenerator generator, RandomGenerator random, int count) {
        List<InductionExample> examples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) examples.add(generator.next(random));
        return examples;
    }
}

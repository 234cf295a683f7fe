package dev.attend.train.coref;

import dev.attend.train.DataStream;
import dev.attend.train.model.Batch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data of the pronoun task: an endless training stream drawn from the run's seed, and fixed validation, test
 * and probe sets drawn from constant seeds of their own (the same for every run, so runs compare, and independent
 * of the training stream).
 */
public final class CorefData {
    static final int PROBES = 4;
    private static final long VALIDATION_SEED = 0x5EED_0001L;
    private static final long TEST_SEED = 0x5EED_0002L;
    private static final long PROBE_SEED = 0x5EED_0003L;

    private final CorefGenerator generator = new CorefGenerator();
    private final long seed;

    public CorefData(long seed) {
        this.seed = seed;
    }

    /**
     * The training batch of step {@code step}: drawn from a generator seeded by (seed, step) alone, so a run resumed
     * at any step continues the same stream.
     */
    public List<CorefExample> trainingExamples(int step, int count) {
        return draw(generator, DataStream.at(seed, step), count);
    }

    public static List<CorefExample> validation(int size) {
        return draw(new CorefGenerator(), new SplittableRandom(VALIDATION_SEED), size);
    }

    public static List<CorefExample> test(int size) {
        return draw(new CorefGenerator(), new SplittableRandom(TEST_SEED), size);
    }

    /** Fixed sentences whose attention is recorded during training. */
    public static List<CorefExample> probes() {
        return draw(new CorefGenerator(), new SplittableRandom(PROBE_SEED), PROBES);
    }

    /** The examples padded to the longest: the classifier reads the pronoun, the target is the antecedent noun. */
    public static Batch batch(List<CorefExample> examples) {
        int size = examples.size();
        int tokens = examples.stream().mapToInt(e -> e.words().size()).max().orElse(1);
        int[] ids = new int[size * tokens], lengths = new int[size], read = new int[size], labels = new int[size];
        for (int b = 0; b < size; b++) {
            CorefExample e = examples.get(b);
            int[] exampleIds = e.ids();
            System.arraycopy(exampleIds, 0, ids, b * tokens, exampleIds.length); // the rest stays [PAD] = 0
            lengths[b] = exampleIds.length;
            read[b] = e.pronoun();
            labels[b] = e.label();
        }
        return new Batch(ids, size, tokens, lengths, read, labels);
    }

    private static List<CorefExample> draw(CorefGenerator generator, SplittableRandom random, int count) {
        List<CorefExample> examples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            examples.add(generator.next(random));
        }
        return examples;
    }
}

package dev.attend.train.agreement;

import dev.attend.train.DataStream;
import dev.attend.train.model.Batch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The data of the agreement task: training batches drawn from (seed, step), fixed validation, test and probe sets
 * from constant seeds of their own (the same for every run).
 */
public final class AgreementData {
    static final int PROBES = 4;
    private static final long VALIDATION_SEED = 0xA62E_0001L;
    private static final long TEST_SEED = 0xA62E_0002L;
    private static final long PROBE_SEED = 0xA62E_0003L;

    private AgreementData() {}

    public static List<AgreementExample> training(long seed, int step, int count) {
        return draw(DataStream.at(seed, step), count);
    }

    public static List<AgreementExample> validation(int size) {
        return draw(new SplittableRandom(VALIDATION_SEED), size);
    }

    public static List<AgreementExample> test(int size) {
        return draw(new SplittableRandom(TEST_SEED), size);
    }

    /** Fixed sentences whose attention is recorded during training: 0..3 attractors, one each. */
    public static List<AgreementExample> probes() {
        SplittableRandom random = new SplittableRandom(PROBE_SEED);
        AgreementGenerator generator = new AgreementGenerator();
        List<AgreementExample> probes = new ArrayList<>();
        while (probes.size() < PROBES) {
            AgreementExample e = generator.next(random);
            if (e.attractors() == probes.size()) probes.add(e);
        }
        return probes;
    }

    /** The sentences padded to the longest: the classifier reads the verb slot, the target is its number. */
    public static Batch batch(List<AgreementExample> examples) {
        int size = examples.size();
        int tokens = examples.stream().mapToInt(e -> e.words().size()).max().orElse(1);
        int[] ids = new int[size * tokens], lengths = new int[size], read = new int[size], labels = new int[size];
        for (int b = 0; b < size; b++) {
            AgreementExample e = examples.get(b);
            int[] exampleIds = e.ids();
            System.arraycopy(exampleIds, 0, ids, b * tokens, exampleIds.length); // the rest stays [PAD] = 0
            lengths[b] = exampleIds.length;
            read[b] = e.verb();
            labels[b] = e.label();
        }
        return new Batch(ids, size, tokens, lengths, read, labels);
    }

    private static List<AgreementExample> draw(RandomGenerator random, int count) {
        AgreementGenerator generator = new AgreementGenerator();
        List<AgreementExample> examples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) examples.add(generator.next(random));
        return examples;
    }
}

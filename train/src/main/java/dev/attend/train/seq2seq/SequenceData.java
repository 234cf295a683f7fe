package dev.attend.train.seq2seq;

import dev.attend.train.DataStream;
import dev.attend.train.layers.SoftmaxCrossEntropy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batches of a {@link SequenceTask}: the training batch of step s is drawn from (seed, s) alone (lengths uniform in
 * 5..40, grouped by length so that little of a batch is padding), the test set from a fixed seed of its own, the same
 * number of sources per length bucket (lengths uniform within it).
 */
public final class SequenceData {
    private static final long TEST_SEED = 0x7E57_5EEDL;
    /** Training batches are cut from pools of this many batches' sources, sorted by length. */
    public static final int POOL = 8;

    private SequenceData() {}

    /**
     * The training batch of {@code step}: steps POOL·g … POOL·g + POOL − 1 share one pool of POOL·size sources drawn
     * from (seed, g) with lengths uniform in 5..40; the pool is sorted by length and cut into POOL batches, which the
     * steps take in an order shuffled from the same generator. Every source is used once and the lengths keep their
     * uniform distribution; each batch pads only to the longest of similar lengths (on average ~24 instead of ~39
     * positions at size 32).
     */
    public static Seq2SeqBatch training(SequenceTask task, long seed, int step, int size) {
        SplittableRandom random = DataStream.at(seed, step / POOL);
        List<int[]> pool = new ArrayList<>(POOL * size);
        for (int i = 0; i < POOL * size; i++) {
            int length = SequenceTask.MIN_LENGTH + random.nextInt(SequenceTask.MAX_LENGTH - SequenceTask.MIN_LENGTH + 1);
            pool.add(SequenceTask.source(random, length));
        }
        pool.sort(Comparator.comparingInt(source -> source.length));
        int[] order = new int[POOL];
        for (int i = 0; i < POOL; i++) order[i] = i;
        for (int i = POOL - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int slice = order[step % POOL];
        return batch(task, pool.subList(slice * size, (slice + 1) * size));
    }

    /** {@code perBucket} held-out sources per length bucket, in bucket order. */
    public static List<int[]> test(int perBucket) {
        SplittableRandom random = new SplittableRandom(TEST_SEED);
        List<int[]> sources = new ArrayList<>();
        for (int[] bucket : SequenceTask.BUCKETS) {
            for (int i = 0; i < perBucket; i++) {
                sources.add(SequenceTask.source(random, bucket[0] + random.nextInt(bucket[1] - bucket[0] + 1)));
            }
        }
        return sources;
    }

    /** Pads the sources and their targets into one batch. */
    public static Seq2SeqBatch batch(SequenceTask task, List<int[]> sources) {
        int size = sources.size();
        int sourceTokens = sources.stream().mapToInt(s -> s.length).max().orElseThrow();
        int targetTokens = sourceTokens + 1;
        int[] source = new int[size * sourceTokens], lengths = new int[size];
        int[] decoderInput = new int[size * targetTokens], targets = new int[size * targetTokens];
        Arrays.fill(targets, SoftmaxCrossEntropy.IGNORE);
        for (int b = 0; b < size; b++) {
            int[] s = sources.get(b), t = task.target(s);
            lengths[b] = s.length;
            System.arraycopy(s, 0, source, b * sourceTokens, s.length);
            decoderInput[b * targetTokens] = SequenceTask.BOS;
            System.arraycopy(t, 0, decoderInput, b * targetTokens + 1, t.length);
            System.arraycopy(t, 0, targets, b * targetTokens, t.length);
            targets[b * targetTokens + t.length] = SequenceTask.EOS;
        }
        return new Seq2SeqBatch(size, source, sourceTokens, lengths, decoderInput, targets, targetTokens);
    }
}

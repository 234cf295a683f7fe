package dev.attend.train.seq2seq;

import dev.attend.model.InputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The sequence-to-sequence toy tasks: a source of 5..40 symbols drawn uniformly from 20, and its reverse or copy as
 * the target. Token ids: 0 PAD, 1 BOS, 2 EOS, then the symbols "a".."t".
 */
public enum SequenceTask {
    REVERSE, COPY;

    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int SYMBOLS = 20;
    public static final int VOCABULARY = 3 + SYMBOLS;
    public static final int MIN_LENGTH = 5;
    public static final int MAX_LENGTH = 40;
    /** Exact-match accuracy is reported per bucket of source lengths: 5-10, 11-15, ..., 36-40. */
    public static final List<int[]> BUCKETS = List.of(new int[] {5, 10}, new int[] {11, 15}, new int[] {16, 20},
            new int[] {21, 25}, new int[] {26, 30}, new int[] {31, 35}, new int[] {36, 40});

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static boolean isSequenceTask(String name) {
        return Arrays.stream(values()).anyMatch(t -> t.id().equals(name));
    }

    public static SequenceTask of(String name) {
        return Arrays.stream(values()).filter(t -> t.id().equals(name)).findFirst()
                .orElseThrow(() -> new InputException("unknown sequence task '" + name + "'; known: reverse, copy"));
    }

    /** The target of a source (symbol ids, no BOS/EOS). */
    public int[] target(int[] source) {
        if (this == COPY) return source.clone();
        int[] reversed = new int[source.length];
        for (int i = 0; i < source.length; i++) reversed[i] = source[source.length - 1 - i];
        return reversed;
    }

    /** A source of {@code length} uniform symbols. */
    public static int[] source(SplittableRandom random, int length) {
        int[] s = new int[length];
        for (int i = 0; i < length; i++) s[i] = 3 + random.nextInt(SYMBOLS);
        return s;
    }

    /** Token i is id i. */
    public static List<String> vocabulary() {
        String[] words = new String[VOCABULARY];
        words[PAD] = "[PAD]";
        words[BOS] = "[BOS]";
        words[EOS] = "[EOS]";
        for (int i = 0; i < SYMBOLS; i++) words[3 + i] = Character.toString('a' + i);
        return List.of(words);
    }

    public static String bucketName(int[] bucket) {
        return bucket[0] + "-" + bucket[1];
    }
}

package dev.attend.analysis.importance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The texts around a sentence for the contrastive objective. Words are split at white space.
 * <ul>
 * <li>{@link #copy}, the positive (same meaning, other surface): each short word (≤ {@link #SHORT} characters:
 *     articles, prepositions, pronouns, …) is dropped with probability {@link #DROP}, at least one word is
 *     dropped (a random one if no short word was), at least two are kept, and the order is kept.</li>
 * <li>{@link #shuffled}, the hard negative (same words, other meaning): the words in a random order that differs
 *     from the sentence's.</li>
 * </ul>
 * A bag-of-words encoder prefers the shuffle (it has every word); telling the copy from it needs word order and
 * context, which is what attention provides. Seeded: the same sentence and seed give the same texts.
 */
public final class Perturbation {
    /** Probability that a short word is dropped from the copy. */
    public static final double DROP = 0.5;
    /** Words of at most this many characters count as short. */
    public static final int SHORT = 3;
    /** A sentence needs this many words. */
    public static final int MIN_WORDS = 3;

    private Perturbation() {}

    public static String copy(String sentence, SplittableRandom random) {
        List<String> words = words(sentence);
        boolean[] keep = new boolean[words.size()];
        int kept = 0;
        for (int i = 0; i < keep.length; i++) {
            keep[i] = words.get(i).length() > SHORT || random.nextDouble() >= DROP;
            if (keep[i]) kept++;
        }
        for (int i = 0; kept < 2; i++) { // a sentence of short words: keep the first two
            if (!keep[i]) {
                keep[i] = true;
                kept++;
            }
        }
        if (kept == keep.length) keep[random.nextInt(keep.length)] = false;
        List<String> copy = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) copy.add(words.get(i));
        }
        return String.join(" ", copy);
    }

    public static String shuffled(String sentence, SplittableRandom random) {
        List<String> words = words(sentence);
        List<String> shuffled = new ArrayList<>(words);
        for (int attempt = 0; attempt < 100 && shuffled.equals(words); attempt++) {
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                shuffled.set(i, shuffled.set(j, shuffled.get(i)));
            }
        }
        return String.join(" ", shuffled);
    }

    private static List<String> words(String sentence) {
        List<String> words = Arrays.asList(sentence.strip().split("\\s+"));
        if (words.size() < MIN_WORDS) {
            throw new IllegalArgumentException("'" + sentence + "' has fewer than " + MIN_WORDS + " words");
        }
        return words;
    }
}

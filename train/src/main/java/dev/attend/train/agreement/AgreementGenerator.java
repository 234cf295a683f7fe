package dev.attend.train.agreement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generates sentences of the agreement task:
 * <pre>
 * [PREP the N , | after the N left ,] the [ADJ] SUBJECT MODIFIER* [ADVERB] [VERB] PREDICATE .
 * MODIFIER: PREP the [ADJ] N  |  that the [ADJ] N VERB-ED  |  that VERB-ED the [ADJ] N
 * </pre>
 * The number of attractors (modifier nouns of the other number than the subject) is drawn uniformly from
 * 0..{@link #MAX_ATTRACTORS}, the number of modifiers from attractors..{@link #MAX_MODIFIERS}, the subject's number
 * uniformly. A preamble noun before the subject (half of the sentences) has a random number, so the first noun is
 * not always the subject; the nouns after the subject are attractors or not as drawn, so the nearest noun is often
 * of the wrong number.
 */
public final class AgreementGenerator {
    public static final int MAX_ATTRACTORS = 3;
    public static final int MAX_MODIFIERS = 4;
    public static final int MAX_LENGTH = 40;

    public AgreementExample next(RandomGenerator random) {
        boolean plural = random.nextBoolean();
        int attractors = random.nextInt(MAX_ATTRACTORS + 1);
        int modifiers = attractors + random.nextInt(MAX_MODIFIERS - attractors + 1);
        List<Boolean> isAttractor = new ArrayList<>();
        for (int m = 0; m < modifiers; m++) isAttractor.add(m < attractors);
        Collections.shuffle(isAttractor, random);

        List<String> words = new ArrayList<>();
        List<Integer> nouns = new ArrayList<>();
        if (random.nextBoolean()) {
            boolean after = random.nextBoolean();
            words.add(after ? "after" : pick(random, AgreementLexicon.PREPOSITIONS));
            nounPhrase(random, words, nouns, random.nextBoolean());
            if (after) words.add("left");
            words.add(",");
        }
        int subject = nounPhrase(random, words, nouns, plural);
        for (boolean attractor : isAttractor) {
            boolean number = attractor != plural;
            switch (random.nextInt(3)) {
                case 0 -> {
                    words.add(pick(random, AgreementLexicon.PREPOSITIONS));
                    nounPhrase(random, words, nouns, number);
                }
                case 1 -> {
                    words.add("that");
                    nounPhrase(random, words, nouns, number);
                    words.add(pick(random, AgreementLexicon.VERBS));
                }
                default -> {
                    words.add("that");
                    words.add(pick(random, AgreementLexicon.VERBS));
                    nounPhrase(random, words, nouns, number);
                }
            }
        }
        if (random.nextInt(3) == 0) words.add(pick(random, AgreementLexicon.ADVERBS));
        int verb = words.size();
        words.add(AgreementLexicon.VERB);
        words.add(pick(random, AgreementLexicon.PREDICATES));
        words.add(".");
        return new AgreementExample(words, verb, subject, nouns.stream().mapToInt(Integer::intValue).toArray(), attractors);
    }

    /** Appends "the [ADJ] NOUN" of the given number; returns the noun's position. */
    private static int nounPhrase(RandomGenerator random, List<String> words, List<Integer> nouns, boolean plural) {
        words.add("the");
        if (random.nextInt(3) == 0) words.add(pick(random, AgreementLexicon.ADJECTIVES));
        nouns.add(words.size());
        words.add(pick(random, plural ? AgreementLexicon.PLURAL : AgreementLexicon.SINGULAR));
        return words.size() - 1;
    }

    private static <T> T pick(RandomGenerator random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}

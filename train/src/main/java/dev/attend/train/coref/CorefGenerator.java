package dev.attend.train.coref;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generates sentences of the pronoun task from templates:
 * <pre>
 * [opening ,] [after the N0 left , | near the N0 ,] the N1 [that VERB the N2] VERB the N3 [PREP the N4]
 *     CONNECTIVE PRONOUN COPULA PREDICATE .
 * </pre>
 * with noun-free fillers ("quietly", "for a while", ...) dropped between any two segments. The antecedent's role
 * (preamble, subject, relative clause, object, prepositional object) is drawn uniformly among the roles the sentence
 * has, and so is its position; its distance to the pronoun is 3..30 tokens. The pronoun alone singles it out: it is
 * the one noun that agrees with the pronoun (he: a man, she: a woman, it: one animal or thing, they: several); the
 * predicate ("gone", "hidden", ...) fits every noun and tells nothing.
 */
public final class CorefGenerator {
    public static final int MIN_DISTANCE = 3;
    public static final int MAX_DISTANCE = 30;
    /** Longer sentences are drawn again. */
    public static final int MAX_LENGTH = 48;

    private static final int MAX_FILLERS = 14;

    private record Segment(List<String> words, int nounIndex) {}

    /** A sentence whose antecedent-to-pronoun distance is drawn uniformly from 3..30. */
    public CorefExample next(RandomGenerator random) {
        int distance = MIN_DISTANCE + random.nextInt(MAX_DISTANCE - MIN_DISTANCE + 1);
        while (true) {
            CorefExample example = attempt(random);
            if (example.distance() == distance && example.words().size() <= MAX_LENGTH) {
                return example;
            }
        }
    }

    private CorefExample attempt(RandomGenerator random) {
        NounKind kind = pick(random, List.of(NounKind.values()));

        boolean preamble = random.nextDouble() < 0.35, relative = random.nextDouble() < 0.45, oblique = random.nextDouble() < 0.5;
        int nounCount = 2 + (preamble ? 1 : 0) + (relative ? 1 : 0) + (oblique ? 1 : 0);
        int antecedentIndex = random.nextInt(nounCount);
        List<String> nouns = nouns(random, kind, nounCount, antecedentIndex);

        List<Segment> segments = new ArrayList<>();
        int n = 0;
        if (random.nextDouble() < 0.3) segments.add(new Segment(List.of(pick(random, Lexicon.OPENINGS), ","), -1));
        if (preamble) {
            segments.add(random.nextBoolean()
                    ? new Segment(List.of("after", "the", nouns.get(n), "left", ","), n++)
                    : new Segment(List.of("near", "the", nouns.get(n), ","), n++));
        }
        int subject = n;
        segments.add(new Segment(List.of("the", nouns.get(n)), n++));
        if (relative) segments.add(new Segment(List.of("that", pick(random, Lexicon.VERBS), "the", nouns.get(n)), n++));
        segments.add(new Segment(List.of(pick(random, Lexicon.VERBS), "the", nouns.get(n)), n++));
        if (oblique) segments.add(new Segment(List.of(pick(random, Lexicon.PREPOSITIONS), "the", nouns.get(n)), n++));

        List<List<String>> gaps = new ArrayList<>(); // fillers after segment i
        segments.forEach(s -> gaps.add(new ArrayList<>()));
        int fillers = random.nextInt(MAX_FILLERS + 1);
        for (int f = 0; f < fillers; f++) {
            gaps.get(random.nextInt(segments.size())).addAll(pick(random, Lexicon.FILLERS));
        }

        List<String> words = new ArrayList<>();
        int[] nounPositions = new int[nounCount];
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            if (segment.nounIndex() >= 0) {
                nounPositions[segment.nounIndex()] = words.size() + segment.words().indexOf(nouns.get(segment.nounIndex()));
            }
            words.addAll(segment.words());
            words.addAll(gaps.get(s));
        }
        words.add(pick(random, Lexicon.CONNECTIVES));
        int pronoun = words.size();
        words.add(kind.pronoun());
        words.add(pick(random, Lexicon.COPULAS));
        words.add(pick(random, Lexicon.PREDICATES));
        words.add(".");
        return new CorefExample(words, pronoun, nounPositions[antecedentIndex], nounPositions[subject], nounPositions);
    }

    /** {@code count} distinct nouns: the antecedent of {@code kind} at {@code antecedentIndex}, the others of other kinds. */
    private static List<String> nouns(RandomGenerator random, NounKind kind, int count, int antecedentIndex) {
        List<NounKind> others = new ArrayList<>(List.of(NounKind.values()));
        others.remove(kind);
        List<String> nouns = new ArrayList<>();
        while (nouns.size() < count) {
            String noun = pick(random, (nouns.size() == antecedentIndex ? kind : pick(random, others)).nouns());
            if (!nouns.contains(noun)) nouns.add(noun);
        }
        return nouns;
    }

    private static <T> T pick(RandomGenerator random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}

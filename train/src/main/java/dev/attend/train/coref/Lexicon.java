package dev.attend.train.coref;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The words of the pronoun task and their ids. Id 0 is {@link #PAD}. The classes the model predicts are the nouns,
 * numbered in {@link NounKind} order.
 */
public final class Lexicon {
    public static final String PAD = "[PAD]";

    /** Predicates that fit every kind, so that only the pronoun tells which noun is meant. */
    static final List<String> PREDICATES = List.of("gone", "hidden", "nearby", "alone", "lost", "safe");
    static final List<String> VERBS = List.of("saw", "chased", "found", "watched", "followed", "passed", "noticed", "reached");
    static final List<String> PREPOSITIONS = List.of("near", "behind", "beside", "with", "under");
    static final List<String> CONNECTIVES = List.of("because", "since", "when");
    /** Copulas that do not show number ("was" would say the antecedent is singular). */
    static final List<String> COPULAS = List.of("seemed", "looked", "appeared");
    /** Filler phrases without nouns, to move the antecedent 3..30 tokens away from the pronoun. */
    static final List<List<String>> FILLERS = List.of(List.of("quietly"), List.of("again"), List.of("slowly"),
            List.of("today"), List.of("then"), List.of("still"), List.of("often"), List.of("once"), List.of("at", "dawn"),
            List.of("all", "day"), List.of("very", "slowly"), List.of("for", "a", "while"), List.of("once", "more"));
    static final List<String> OPENINGS = List.of("yesterday", "later", "meanwhile", "suddenly");

    private static final List<String> NOUNS = java.util.Arrays.stream(NounKind.values())
            .flatMap(k -> k.nouns().stream()).toList();
    private static final List<String> WORDS = words();
    private static final Map<String, Integer> IDS = java.util.stream.IntStream.range(0, WORDS.size()).boxed()
            .collect(Collectors.toMap(WORDS::get, Function.identity()));
    private static final Map<String, NounKind> KINDS = java.util.Arrays.stream(NounKind.values())
            .flatMap(k -> k.nouns().stream().map(n -> Map.entry(n, k)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private Lexicon() {}

    private static List<String> words() {
        Set<String> all = new LinkedHashSet<>(List.of(PAD, "the", ",", ".", "that", "after", "left"));
        all.addAll(NOUNS);
        for (NounKind k : NounKind.values()) all.add(k.pronoun());
        all.addAll(PREDICATES);
        all.addAll(VERBS);
        all.addAll(PREPOSITIONS);
        all.addAll(CONNECTIVES);
        all.addAll(COPULAS);
        FILLERS.forEach(all::addAll);
        all.addAll(OPENINGS);
        return new ArrayList<>(all);
    }

    public static int vocabularySize() {
        return WORDS.size();
    }

    public static int id(String word) {
        Integer id = IDS.get(word);
        if (id == null) throw new IllegalArgumentException("not a word of the pronoun task: " + word);
        return id;
    }

    public static String word(int id) {
        return WORDS.get(id);
    }

    /** The nouns, whose indices are the classes. */
    public static List<String> nouns() {
        return NOUNS;
    }

    public static int nounClass(String noun) {
        int c = NOUNS.indexOf(noun);
        if (c < 0) throw new IllegalArgumentException("not a noun of the pronoun task: " + noun);
        return c;
    }

    /** The kind of a noun, or null for any other word. */
    public static NounKind kindOf(String word) {
        return KINDS.get(word);
    }
}

package dev.attend.train.agreement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The words of the agreement task and their ids. Id 0 is {@link #PAD}; the verb slot is {@link #VERB}. Nouns come in
 * singular/plural pairs; every other word (past-tense verbs, adjectives, adverbs) shows no number, so only the nouns
 * carry it.
 */
public final class AgreementLexicon {
    public static final String PAD = "[PAD]";
    /** The verb slot whose number the model predicts. */
    public static final String VERB = "[VERB]";
    /** The classes: the verb's singular and plural form. */
    public static final List<String> LABELS = List.of("is", "are");

    static final List<String> SINGULAR = List.of("key", "cabinet", "dog", "author", "table", "book", "girl", "boy",
            "teacher", "door", "house", "picture", "man", "woman", "child", "letter");
    static final List<String> PLURAL = List.of("keys", "cabinets", "dogs", "authors", "tables", "books", "girls", "boys",
            "teachers", "doors", "houses", "pictures", "men", "women", "children", "letters");
    static final List<String> PREPOSITIONS = List.of("to", "of", "near", "behind", "with", "on", "under", "beside", "from");
    /** Past tense: the same form for either number. */
    static final List<String> VERBS = List.of("saw", "liked", "found", "painted", "chased", "knew", "opened", "left");
    static final List<String> ADJECTIVES = List.of("old", "red", "small", "new", "big", "famous", "broken", "quiet");
    static final List<String> ADVERBS = List.of("really", "probably", "still", "certainly", "surely", "often", "now");
    static final List<String> PREDICATES = List.of("old", "red", "small", "new", "here", "gone", "ready", "fine");

    private static final List<String> WORDS = words();
    private static final Map<String, Integer> IDS = IntStream.range(0, WORDS.size()).boxed()
            .collect(Collectors.toMap(WORDS::get, Function.identity()));

    private AgreementLexicon() {}

    private static List<String> words() {
        Set<String> all = new LinkedHashSet<>(List.of(PAD, VERB, "the", "that", ",", ".", "after"));
        for (List<String> group : List.of(SINGULAR, PLURAL, PREPOSITIONS, VERBS, ADJECTIVES, ADVERBS, PREDICATES)) {
            all.addAll(group);
        }
        return List.copyOf(new ArrayList<>(all));
    }

    public static List<String> vocabulary() {
        return WORDS;
    }

    /** The id of a word of the task; an {@link IllegalArgumentException} naming the word for any other. */
    public static int id(String word) {
        Integer id = IDS.get(word);
        if (id == null) throw new IllegalArgumentException("'" + word + "' is not a word of the agreement task");
        return id;
    }

    public static boolean isNoun(String word) {
        return SINGULAR.contains(word) || PLURAL.contains(word);
    }

    public static boolean isPlural(String word) {
        return PLURAL.contains(word);
    }
}

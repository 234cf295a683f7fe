package dev.attend.train.coref;

import java.util.List;

/**
 * One sentence of the pronoun task, e.g. {@code the king that saw the cats chased the girl quietly because he
 * seemed lost .}: the pronoun's position, the antecedent's (the one noun that agrees with the pronoun), the main
 * clause's subject and every noun's position, in order.
 */
public record CorefExample(List<String> words, int pronoun, int antecedent, int subject, int[] nouns) {

    public CorefExample {
        words = List.copyOf(words);
        nouns = nouns.clone();
    }

    public int[] ids() {
        return words.stream().mapToInt(Lexicon::id).toArray();
    }

    /** The class to predict: the antecedent noun. */
    public int label() {
        return Lexicon.nounClass(words.get(antecedent));
    }

    /** Tokens from the antecedent to the pronoun. */
    public int distance() {
        return pronoun - antecedent;
    }

    public String text() {
        return String.join(" ", words);
    }
}

package dev.attend.train.agreement;

import java.util.List;

/**
 * One sentence of the agreement task, e.g. {@code the key to the old cabinets [VERB] here .}: the position of the
 * verb slot, of the subject (whose number the verb takes), of every noun in order, and how many attractors (nouns of
 * the other number between subject and verb) it holds.
 */
public record AgreementExample(List<String> words, int verb, int subject, int[] nouns, int attractors) {

    public AgreementExample {
        words = List.copyOf(words);
        nouns = nouns.clone();
    }

    public int[] ids() {
        return words.stream().mapToInt(AgreementLexicon::id).toArray();
    }

    public boolean plural() {
        return AgreementLexicon.isPlural(words.get(subject));
    }

    /** The class: 0 "is" (singular subject), 1 "are" (plural). */
    public int label() {
        return plural() ? 1 : 0;
    }

    /** Tokens from the subject to the verb slot. */
    public int distance() {
        return verb - subject;
    }

    public String text() {
        return String.join(" ", words);
    }
}

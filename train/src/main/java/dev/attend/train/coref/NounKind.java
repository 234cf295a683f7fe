package dev.attend.train.coref;

import java.util.List;

/**
 * The four kinds of noun of the pronoun task, one per pronoun: he (a man), she (a woman), it (one animal or thing),
 * they (several). A sentence holds exactly one noun of the pronoun's kind, its antecedent.
 */
public enum NounKind {
    MAN("he", List.of("boy", "man", "king", "prince", "monk", "uncle")),
    WOMAN("she", List.of("girl", "woman", "queen", "princess", "nun", "aunt")),
    THING("it", List.of("cat", "dog", "fox", "horse", "box", "ball", "cup", "lamp")),
    GROUP("they", List.of("cats", "dogs", "foxes", "horses", "boxes", "balls", "cups", "lamps"));

    private final String pronoun;
    private final List<String> nouns;

    NounKind(String pronoun, List<String> nouns) {
        this.pronoun = pronoun;
        this.nouns = nouns;
    }

    public String pronoun() {
        return pronoun;
    }

    public List<String> nouns() {
        return nouns;
    }
}

package dev.attend.train.coref;

/** Simple ways to guess the antecedent from position and syntax alone, without looking at the pronoun. */
public enum Heuristic {
    NEAREST_NOUN("nearest noun before the pronoun"),
    FIRST_NOUN("first noun of the sentence"),
    SUBJECT("subject of the main clause");

    private final String description;

    Heuristic(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The position this heuristic names as the antecedent of {@code e}'s pronoun. */
    public int guess(CorefExample e) {
        int[] nouns = e.nouns();
        return switch (this) {
            case NEAREST_NOUN -> nouns[nouns.length - 1];
            case FIRST_NOUN -> nouns[0];
            case SUBJECT -> e.subject();
        };
    }

    /** The fraction of examples where the guess is the antecedent. */
    public double accuracy(java.util.List<CorefExample> examples) {
        return examples.stream().filter(e -> guess(e) == e.antecedent()).count() / (double) examples.size();
    }
}

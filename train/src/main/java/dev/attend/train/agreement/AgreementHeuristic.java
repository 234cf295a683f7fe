package dev.attend.train.agreement;

import java.util.List;

/** Ways to guess the verb's number without finding the subject. */
public enum AgreementHeuristic {
    NEAREST_NOUN,
    FIRST_NOUN,
    MAJORITY_OF_NOUNS;

    /** True when the guess is "plural". */
    public boolean guessesPlural(AgreementExample e) {
        int[] nouns = e.nouns();
        return switch (this) {
            case NEAREST_NOUN -> plural(e, nouns[nouns.length - 1]);
            case FIRST_NOUN -> plural(e, nouns[0]);
            case MAJORITY_OF_NOUNS -> {
                int plurals = 0;
                for (int n : nouns) if (plural(e, n)) plurals++;
                yield 2 * plurals > nouns.length; // a tie guesses singular
            }
        };
    }

    public double accuracy(List<AgreementExample> examples) {
        return examples.stream().filter(e -> guessesPlural(e) == e.plural()).count() / (double) examples.size();
    }

    private static boolean plural(AgreementExample e, int position) {
        return AgreementLexicon.isPlural(e.words().get(position));
    }
}

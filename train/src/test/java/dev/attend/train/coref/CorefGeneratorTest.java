package dev.attend.train.coref;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CorefGeneratorTest {

    private static final List<CorefExample> SAMPLE = sample(2, 3000);

    private static List<CorefExample> sample(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        CorefGenerator generator = new CorefGenerator();
        List<CorefExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) examples.add(generator.next(random));
        return examples;
    }

    @Test
    void exactlyOneNounAgreesWithThePronoun() {
        for (CorefExample e : SAMPLE) {
            String pronoun = e.words().get(e.pronoun());
            long agreeing = Arrays.stream(e.nouns()).filter(p -> Lexicon.kindOf(e.words().get(p)).pronoun().equals(pronoun)).count();
            assertThat(agreeing).as(e.text()).isEqualTo(1);
            assertThat(Lexicon.kindOf(e.words().get(e.antecedent())).pronoun()).isEqualTo(pronoun);
            assertThat(e.nouns()).contains(e.antecedent(), e.subject());
            assertThat(Arrays.stream(e.nouns()).mapToObj(p -> e.words().get(p)).distinct().count())
                    .as("nouns are distinct: " + e.text()).isEqualTo(e.nouns().length);
        }
    }

    @Test
    void distancesCoverThreeToThirtyAndSentencesFitThePositions() {
        int[] byDistance = new int[CorefGenerator.MAX_DISTANCE + 1];
        for (CorefExample e : SAMPLE) {
            assertThat(e.distance()).isBetween(CorefGenerator.MIN_DISTANCE, CorefGenerator.MAX_DISTANCE);
            assertThat(e.words()).hasSizeLessThanOrEqualTo(CorefGenerator.MAX_LENGTH);
            byDistance[e.distance()]++;
        }
        for (int d = CorefGenerator.MIN_DISTANCE; d <= CorefGenerator.MAX_DISTANCE; d++) {
            assertThat(byDistance[d]).as("sentences at distance " + d).isGreaterThan(SAMPLE.size() / 28 / 2);
        }
    }

    @Test
    void antecedentTakesEveryRoleAndNoSimpleHeuristicBeatsSixtyPercent() {
        long subject = SAMPLE.stream().filter(e -> e.antecedent() == e.subject()).count();
        long first = SAMPLE.stream().filter(e -> e.antecedent() == e.nouns()[0] && e.nouns()[0] != e.subject()).count();
        long last = SAMPLE.stream().filter(e -> e.antecedent() == e.nouns()[e.nouns().length - 1]).count();
        assertThat(subject).isPositive();
        assertThat(first).as("antecedent in a preamble before the subject").isPositive();
        assertThat(last).isPositive();
        for (Heuristic h : Heuristic.values()) {
            assertThat(h.accuracy(SAMPLE)).as(h.description()).isLessThanOrEqualTo(0.6);
        }
    }

    @Test
    void theSameSeedGivesTheSameSentencesAndTrainingBatchesDependOnSeedAndStep() {
        assertThat(sample(5, 20).stream().map(CorefExample::text).toList())
                .isEqualTo(sample(5, 20).stream().map(CorefExample::text).toList());
        CorefData data = new CorefData(7);
        assertThat(texts(data.trainingExamples(3, 5))).isEqualTo(texts(new CorefData(7).trainingExamples(3, 5)));
        assertThat(texts(data.trainingExamples(3, 5))).isNotEqualTo(texts(data.trainingExamples(4, 5)));
        assertThat(texts(data.trainingExamples(3, 5))).isNotEqualTo(texts(new CorefData(8).trainingExamples(3, 5)));
    }

    @Test
    void heldOutSetsDoNotRepeatTrainingSentences() {
        java.util.Set<String> test = new java.util.HashSet<>(texts(CorefData.test(2000)));
        CorefData data = new CorefData(1);
        long seen = 0;
        for (int step = 0; step < 200; step++) {
            seen += data.trainingExamples(step, 32).stream().filter(e -> test.contains(e.text())).count();
        }
        assertThat(seen).as("test sentences among 6400 training sentences").isZero();
    }

    private static List<String> texts(List<CorefExample> examples) {
        return examples.stream().map(CorefExample::text).toList();
    }
}

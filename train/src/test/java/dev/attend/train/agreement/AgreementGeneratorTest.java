package dev.attend.train.agreement;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AgreementGeneratorTest {

    private static final List<AgreementExample> SAMPLE = sample(3, 4000);

    private static List<AgreementExample> sample(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        AgreementGenerator generator = new AgreementGenerator();
        List<AgreementExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) examples.add(generator.next(random));
        return examples;
    }

    @Test
    void attractorsAreTheNounsOfTheOtherNumberBetweenSubjectAndVerb() {
        for (AgreementExample e : SAMPLE) {
            List<String> w = e.words();
            assertThat(w.get(e.verb())).isEqualTo(AgreementLexicon.VERB);
            assertThat(w.stream().filter(AgreementLexicon.VERB::equals).count()).isEqualTo(1);
            assertThat(AgreementLexicon.isNoun(w.get(e.subject()))).as(e.text()).isTrue();
            assertThat(w.get(e.subject() - 1).equals("the") || w.get(e.subject() - 2).equals("the")).isTrue();
            int between = 0, nouns = 0;
            for (int i = 0; i < w.size(); i++) {
                if (!AgreementLexicon.isNoun(w.get(i))) continue;
                nouns++;
                if (i > e.subject() && i < e.verb() && AgreementLexicon.isPlural(w.get(i)) != e.plural()) between++;
            }
            assertThat(between).as(e.text()).isEqualTo(e.attractors());
            assertThat(e.nouns()).hasSize(nouns).contains(e.subject());
            assertThat(w).hasSizeLessThanOrEqualTo(AgreementGenerator.MAX_LENGTH);
            assertThat(e.label()).isEqualTo(e.plural() ? 1 : 0);
        }
    }

    @Test
    void numbersAttractorCountsAndDistancesAreSpread() {
        long plural = SAMPLE.stream().filter(AgreementExample::plural).count();
        assertThat(plural / (double) SAMPLE.size()).isBetween(0.45, 0.55);
        int[] byAttractors = new int[AgreementGenerator.MAX_ATTRACTORS + 1];
        Set<Integer> distances = new HashSet<>();
        long preamble = 0;
        for (AgreementExample e : SAMPLE) {
            byAttractors[e.attractors()]++;
            distances.add(e.distance());
            if (e.nouns()[0] != e.subject()) preamble++;
        }
        for (int count : byAttractors) assertThat(count).isGreaterThan(SAMPLE.size() / 5);
        assertThat(distances).contains(1, 5, 10, 15, 20);
        assertThat(preamble / (double) SAMPLE.size()).isBetween(0.4, 0.6);
    }

    @Test
    void noHeuristicSolvesTheTask() {
        for (AgreementHeuristic h : AgreementHeuristic.values()) {
            assertThat(h.accuracy(SAMPLE)).as(h.name()).isLessThanOrEqualTo(0.8);
        }
        assertThat(AgreementHeuristic.NEAREST_NOUN.accuracy(SAMPLE)).isLessThan(0.6);
    }

    @Test
    void streamsAreSeededAndHeldOutSetsAreFixed() {
        assertThat(texts(AgreementData.training(7, 3, 5))).isEqualTo(texts(AgreementData.training(7, 3, 5)));
        assertThat(texts(AgreementData.training(7, 3, 5))).isNotEqualTo(texts(AgreementData.training(7, 4, 5)));
        assertThat(texts(AgreementData.training(7, 3, 5))).isNotEqualTo(texts(AgreementData.training(8, 3, 5)));
        assertThat(texts(AgreementData.test(50))).isEqualTo(texts(AgreementData.test(50)));
        assertThat(texts(AgreementData.test(50))).isNotEqualTo(texts(AgreementData.validation(50)));
        List<AgreementExample> probes = AgreementData.probes();
        for (int i = 0; i < probes.size(); i++) assertThat(probes.get(i).attractors()).isEqualTo(i);
    }

    private static List<String> texts(List<AgreementExample> examples) {
        return examples.stream().map(AgreementExample::text).toList();
    }
}

package dev.attend.analysis.importance;

import dev.attend.model.InputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerturbationTest {
    private static final List<String> LINES = List.of("The cat slept on the warm windowsill all afternoon.",
            "Rain tapped against the roof while we played cards.", "a b c", "Snow covered everything.");

    private static List<String> words(String s) {
        return Arrays.asList(s.split(" "));
    }

    @Test
    void theCopyDropsWordsAndKeepsTheOrder() {
        for (int seed = 0; seed < 50; seed++) {
            for (String line : LINES) {
                List<String> original = words(line), copy = words(Perturbation.copy(line, new SplittableRandom(seed)));
                assertThat(copy.size()).isBetween(2, original.size() - 1);
                int at = 0; // the copy is a subsequence of the original
                for (String w : copy) {
                    while (!original.get(at).equals(w)) at++;
                    at++;
                }
                long longWordsLost = original.stream().filter(w -> w.length() > Perturbation.SHORT && !copy.contains(w)).count();
                assertThat(longWordsLost).as("long words stay, but for one when no short word was dropped").isLessThanOrEqualTo(1);
            }
        }
        assertThat(Perturbation.copy(LINES.get(0), new SplittableRandom(3)))
                .isEqualTo(Perturbation.copy(LINES.get(0), new SplittableRandom(3)));
    }

    @Test
    void theShuffleHasTheSameWordsInAnotherOrder() {
        for (int seed = 0; seed < 50; seed++) {
            for (String line : LINES) {
                String shuffled = Perturbation.shuffled(line, new SplittableRandom(seed));
                assertThat(shuffled).isNotEqualTo(line);
                assertThat(words(shuffled)).containsExactlyInAnyOrderElementsOf(words(line));
            }
        }
    }

    @Test
    void corpusSplitIsSeededDisjointAndComplete() {
        SentencePairs a = SentencePairs.sample(16, 7), b = SentencePairs.sample(16, 7), c = SentencePairs.sample(16, 8);
        assertThat(a).isEqualTo(b);
        assertThat(a.importance()).isNotEqualTo(c.importance());
        assertThat(a.importance()).hasSize(148);
        assertThat(a.evaluation()).hasSize(148);
        assertThat(a.importance().stream().map(SentencePairs.Pair::line))
                .doesNotContainAnyElementsOf(a.evaluation().stream().map(SentencePairs.Pair::line).toList());
        List<List<SentencePairs.Pair>> groups = SentencePairs.groups(a.evaluation(), 16);
        assertThat(groups).hasSize(9).allSatisfy(g -> assertThat(g.size()).isBetween(16, 17));
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(148);
    }

    @Test
    void badCorporaAreRefusedWithTheLine() {
        assertThatThrownBy(() -> SentencePairs.of(List.of("one two three", "", "four five six"), "f", 1, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("line 2 is empty");
        assertThatThrownBy(() -> SentencePairs.of(List.of("one two three", "four five"), "f", 1, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("line 2 has fewer than 3 words");
        assertThatThrownBy(() -> SentencePairs.of(List.of("one two three", "four five six"), "f", 2, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("has 2 lines").hasMessageContaining("at least 4");
    }
}

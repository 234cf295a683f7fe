package dev.attend.analysis;

import dev.attend.model.AttentionTrace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The accumulator keeps sums only: hand-made traces with known statistics, folded in 100,000 times. */
class HeadStatisticsMemoryTest {

    /** One layer, one head, 3 tokens; every query puts all its weight on the previous token (query 0 on itself). */
    private static AttentionTrace prevTokenTrace() {
        float[] a = {1, 0, 0, 1, 0, 0, 0, 1, 0}; // [heads=1, 3, 3]
        List<String> tokens = List.of("[CLS]", "x", "[SEP]");
        return new AttentionTrace("toy", null, tokens, tokens, false, 1, 1, 4, new float[][] {a}, null, null, new float[12]);
    }

    @Test
    void statisticsOfAKnownPatternOverManyTexts() {
        HeadStatistics stats = new HeadStatistics(1, 1);
        AttentionTrace trace = prevTokenTrace();
        for (int k = 0; k < 100_000; k++) stats.add(trace);
        HeadSummary h = stats.summaries().get(0);
        assertThat(stats.tokens()).isEqualTo(300_000);
        assertThat(h.entropy()).isZero();
        assertThat(h.prev()).isCloseTo(1.0, within(1e-12));       // queries 1 and 2 put 1 on i-1
        assertThat(h.cls()).isCloseTo(2.0 / 3, within(1e-12));    // queries 0 and 1 put 1 on position 0
        assertThat(h.self()).isCloseTo(1.0 / 3, within(1e-12));   // query 0
        assertThat(h.next()).isZero();
        assertThat(h.sep()).isZero();
        assertThat(h.argmaxPrev()).isCloseTo(1.0, within(1e-12));  // both rows have their maximum at i−1
        assertThat(h.confidence()).isCloseTo(1.0, within(1e-12));
        assertThat(h.roles()).containsExactly("prev-token head", "positional −1", "[CLS] head");
    }
}

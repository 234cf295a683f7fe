package dev.attend.analysis.importance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class HeadImportanceTest {

    @Test
    void meanThenL2PerLayerAndAnAscendingRanking() {
        HeadImportance i = HeadImportance.of(new double[][] {{6, 8, 0}, {1, 0, 0}}, 2, "test");
        assertThat(i.raw()[0]).containsExactly(3, 4, 0);
        assertThat(i.normalised()[0]).containsExactly(new double[] {0.6, 0.8, 0}, offset(1e-12));
        assertThat(i.normalised()[1]).containsExactly(1, 0, 0);
        assertThat(i.ascending()).extracting(h -> h.layer() + "." + h.head())
                .containsExactly("0.2", "1.1", "1.2", "0.0", "0.1", "1.0");
    }
}

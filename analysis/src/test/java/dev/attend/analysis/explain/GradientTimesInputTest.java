package dev.attend.analysis.explain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GradientTimesInputTest {
    @Test
    void normOfTheElementwiseProductPerToken() {
        float[] e = {1, 2, 3, -1, 0, 2};   // [2 tokens, 3]
        float[] g = {3, 0, -4, 5, 7, 1};
        double[] n = GradientTimesInput.norms(e, g, 2, 3);
        assertThat(n[0]).isCloseTo(Math.sqrt(9 + 0 + 144), within(1e-12));  // (3, 0, −12)
        assertThat(n[1]).isCloseTo(Math.sqrt(25 + 0 + 4), within(1e-12));   // (−5, 0, 2)
    }
}

package dev.attend.analysis.explain;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpearmanTest {

    @Test
    void tiesShareTheirMeanRank() {
        assertThat(Spearman.ranks(new double[] {10, 20, 20, 5})).containsExactly(2, 3.5, 3.5, 1);
        assertThat(Spearman.ranks(new double[] {1, 1, 1})).containsExactly(2, 2, 2);
    }

    @Test
    void monotoneIsOneReversedIsMinusOne() {
        assertThat(Spearman.of(new double[] {1, 2, 3, 4}, new double[] {1, 10, 100, 1000})).isCloseTo(1, within(1e-15));
        assertThat(Spearman.of(new double[] {1, 2, 3, 4}, new double[] {9, 7, 3, -1})).isCloseTo(-1, within(1e-15));
    }

    /** Without ties, the textbook formula 1 − 6 Σ d² / (n (n² − 1)). */
    @Test
    void withoutTiesEqualsTheRankDifferenceFormula() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(30);
            double[] x = new double[n], y = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = random.nextGaussian();
                y[k] = x[k] + random.nextGaussian();
            }
            double[] rx = Spearman.ranks(x), ry = Spearman.ranks(y);
            double d2 = 0;
            for (int k = 0; k < n; k++) d2 += (rx[k] - ry[k]) * (rx[k] - ry[k]);
            assertThat(Spearman.of(x, y)).isCloseTo(1 - 6 * d2 / (n * ((double) n * n - 1)), within(1e-12));
        }
    }

    /** A worked example with ties (values checked by hand: ranks x = 1, 2.5, 2.5, 4; y = 1, 2, 3, 4). */
    @Test
    void withTies() {
        // Pearson of (1, 2.5, 2.5, 4) and (1, 2, 3, 4): cov = 4.5, var x = 4.5, var y = 5 → 4.5 / √22.5
        assertThat(Spearman.of(new double[] {0.1, 0.3, 0.3, 0.9}, new double[] {1, 2, 3, 4}))
                .isCloseTo(4.5 / Math.sqrt(22.5), within(1e-15));
    }

    @Test
    void constantOrTooShortHasNoCorrelation() {
        assertThat(Spearman.of(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
        assertThat(Spearman.of(new double[] {1}, new double[] {2})).isNaN();
    }
}

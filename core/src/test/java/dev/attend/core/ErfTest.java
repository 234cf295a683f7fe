package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErfTest {

    @Test
    void matchesPublishedValues() {
        assertThat(Erf.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-15));
        assertThat(Erf.erf(1)).isCloseTo(0.8427007929497149, within(1e-15));
        assertThat(Erf.erf(2)).isCloseTo(0.9953222650189527, within(1e-15));
        assertThat(Erf.erf(3)).isCloseTo(0.9999779095030014, within(1e-15));
        assertThat(Erf.erf(-1)).isEqualTo(-Erf.erf(1));
    }

    @Test
    void matchesHighPrecisionValuesAcrossEveryBranch() {
        // 30-digit values (mpmath), one or more per rational approximation: |x| < 0.5, 0.5..4, >= 4
        double[][] table = {
                {1e-10, 1.1283791670955126e-10},
                {0.1, 0.1124629160182849},
                {0.25, 0.27632639016823696},
                {0.4999, 0.5204119951613866},
                {1.5, 0.9661051464753108},
                {3.9999, 0.9999999845700388},
                {4.0, 0.9999999845827421},
                {4.5, 0.9999999998033839},
                {6.0, 1.0},
        };
        for (double[] row : table) {
            assertThat(Erf.erf(row[0])).as("erf(%s)", row[0]).isCloseTo(row[1], within(2e-16));
            assertThat(Erf.erf(-row[0])).as("erf(-%s)", row[0]).isCloseTo(-row[1], within(2e-16));
        }
    }

    @Test
    void complementKeepsRelativePrecisionInTheTail() {
        // mpmath erfc values
        assertThat(Erf.erfc(0.25)).isCloseTo(0.7236736098317631, within(1e-16));
        assertThat(Erf.erfc(1)).isCloseTo(0.15729920705028513, within(1e-16));
        assertThat(Erf.erfc(-1)).isCloseTo(1.8427007929497148, within(3e-16));
        assertThat(Erf.erfc(5) / 1.537459794428035e-12 - 1).isCloseTo(0, within(1e-14));
        assertThat(Erf.erfc(7.0710678118654755) / 1.5239706048320995e-23 - 1).isCloseTo(0, within(1e-13));
        assertThat(Erf.erfc(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Erf.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
    }

    @Test
    void endsAndNaN() {
        assertThat(Erf.erf(0)).isEqualTo(0.0);
        assertThat(Erf.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Erf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Erf.erf(Double.NaN)).isNaN();
    }

    @Test
    void isOddAndMonotone() {
        double previous = -1;
        for (double x = -6; x <= 6; x += 1.0 / 64) {
            double y = Erf.erf(x);
            assertThat(y).isEqualTo(-Erf.erf(-x));
            assertThat(y).isGreaterThanOrEqualTo(previous);
            previous = y;
        }
    }
}

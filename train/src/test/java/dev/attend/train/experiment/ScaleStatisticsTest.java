package dev.attend.train.experiment;

import dev.attend.model.AttentionTrace;
import dev.attend.model.HeadVectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The statistics of a hand-made layer whose logits, variances and softmaxes are worked out on paper. */
class ScaleStatisticsTest {

    @Test
    void twoTokensOneHeadOfSizeFour() {
        // q0 = (2,0,0,0), q1 = 0, k0 = (1,0,0,0), k1 = 0: logits row 0 = (2, 0), row 1 = (0, 0)
        float[] q = {2, 0, 0, 0, 0, 0, 0, 0}, k = {1, 0, 0, 0, 0, 0, 0, 0};
        double e = Math.E;
        double scaledTop = e / (e + 1);           // softmax((2, 0) / √4) = softmax(1, 0)
        double unscaledTop = e * e / (e * e + 1); // softmax(2, 0)
        float[] weights = {(float) scaledTop, (float) (1 - scaledTop), 0.5f, 0.5f};
        AttentionTrace trace = new AttentionTrace("hand", null, List.of("a", "b"), List.of("a", "b"), false, 1, 1, 4,
                new float[][] {weights}, new HeadVectors(new float[][] {q}, new float[][] {k}, null, null), null, new float[8]);

        ScaleStatistics s = ScaleStatistics.of(List.of(trace), 0);

        assertThat(s.pairs()).isEqualTo(4);
        assertThat(s.rawMean()).isCloseTo(0.5, within(1e-12));              // (2 + 0 + 0 + 0) / 4
        assertThat(s.rawVariance()).isCloseTo(0.75, within(1e-12));         // 4/4 − 0.5²
        assertThat(s.scaledVariance()).isCloseTo(0.75 / 4, within(1e-12));
        assertThat(s.maxWeightScaled()).isCloseTo((scaledTop + 0.5) / 2, within(1e-12));
        assertThat(s.maxWeightUnscaled()).isCloseTo((unscaledTop + 0.5) / 2, within(1e-12));
        assertThat(s.saturatedScaled()).isZero();
        assertThat(s.saturatedUnscaled()).isZero();
        double entropy = -(scaledTop * Math.log(scaledTop) + (1 - scaledTop) * Math.log(1 - scaledTop));
        assertThat(s.entropyScaled()).isCloseTo((entropy + Math.log(2)) / 2, within(1e-12));
        assertThat(s.meanLogLength()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(s.maxDeviation()).isLessThan(1e-7);
    }

    @Test
    void aRowIsSaturatedWhenItsLargestWeightPassesPointNineNine() {
        // logits (8, 0): unscaled max = e⁸/(e⁸+1) ≈ 0.99966 (saturated); scaled by 1/√4: e⁴/(e⁴+1) ≈ 0.982 (not)
        float[] q = {8, 0, 0, 0}, k = {1, 0, 0, 0, 0, 0, 0, 0};
        double scaledTop = Math.exp(4) / (Math.exp(4) + 1);
        AttentionTrace trace = new AttentionTrace("hand", null, List.of("a"), List.of("a", "b"), false, 1, 1, 4,
                new float[][] {{(float) scaledTop, (float) (1 - scaledTop)}},
                new HeadVectors(new float[][] {q}, new float[][] {k}, null, null), null, new float[4]);
        ScaleStatistics s = ScaleStatistics.of(List.of(trace), 0);
        assertThat(s.saturatedUnscaled()).isEqualTo(1.0);
        assertThat(s.saturatedScaled()).isZero();
    }
}

package dev.attend.analysis.importance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * A target whose metric is the share of a known "true" importance that the kept heads hold, and whose one "hidden
 * state" is the mask itself: each order's curve and drift can be written down by hand.
 */
class PruningCurveTest {
    private static final double[][] TRUE = {{5, 1, 3, 0.5, 2}, {4, 0.1, 6, 0.2, 7}}; // 10 heads
    private static final double TOTAL = 28.8;

    private static final PruningTarget TARGET = new PruningTarget() {
        @Override public String metricName() { return "kept importance"; }
        @Override public int layers() { return 2; }
        @Override public int heads() { return 5; }
        @Override public Measurement measure(float[][] mask) {
            double kept = 0;
            float[] state = new float[10];
            for (int l = 0; l < 2; l++) {
                for (int h = 0; h < 5; h++) {
                    kept += mask[l][h] * TRUE[l][h];
                    state[l * 5 + h] = mask[l][h];
                }
            }
            return new Measurement(kept / TOTAL, List.of(state));
        }
    };

    @Test
    void ordersPruneTheirHeadsTenPercentAtATime() {
        HeadImportance importance = HeadImportance.of(TRUE, 1, "true");
        List<Integer> calls = new ArrayList<>();
        PruningCurve.Result result = PruningCurve.run(TARGET, importance, 5, 3, calls::add);
        assertThat(calls).hasSize(PruningCurve.measurements(5)).last().isEqualTo(71);

        List<PruningCurve.Point> byImportance = result.points().stream().filter(p -> p.order().equals("importance")).toList();
        List<PruningCurve.Point> reverse = result.points().stream().filter(p -> p.order().equals("reverse")).toList();
        List<PruningCurve.Point> random = result.points().stream().filter(p -> p.order().equals("random")).toList();
        assertThat(byImportance).hasSize(11);
        assertThat(random).hasSize(11);
        // normalised per layer (÷6.265, ÷10.052) the ascending order is 1.1, 1.3, 0.3, 0.1, 0.4, 1.0, 0.2, 1.2, 1.4, 0.0
        double[] removed = {0.1, 0.2, 0.5, 1, 2, 4, 3, 6, 7, 5};
        double left = TOTAL;
        for (int k = 0; k <= 10; k++) {
            if (k > 0) left -= removed[k - 1];
            assertThat(byImportance.get(k).pruned()).isEqualTo(k);
            assertThat(byImportance.get(k).metric()).isCloseTo(left / TOTAL, offset(1e-9));
            // the drift of a 0/1 mask from all ones: √(pruned / 10)
            assertThat(byImportance.get(k).drift()).isCloseTo(Math.sqrt(k / 10.0), offset(1e-6));
        }
        assertThat(reverse.get(1).metric()).isCloseTo((TOTAL - 5) / TOTAL, offset(1e-9));
        assertThat(reverse.get(2).metric()).isCloseTo((TOTAL - 12) / TOTAL, offset(1e-9));
        assertThat(reverse.get(10).metric()).isZero();
        for (int k = 1; k < 10; k++) {
            PruningCurve.Point r = random.get(k);
            double sum = 0, squares = 0;
            for (double[] run : result.randomMetrics()) sum += run[k];
            double mean = sum / 5;
            for (double[] run : result.randomMetrics()) squares += (run[k] - mean) * (run[k] - mean);
            assertThat(r.metric()).isCloseTo(mean, offset(1e-12));
            assertThat(r.metricStd()).isCloseTo(Math.sqrt(squares / 4), offset(1e-12));
            assertThat(r.metricMin()).isLessThanOrEqualTo(r.metric());
            assertThat(r.metricMax()).isGreaterThanOrEqualTo(r.metric());
            assertThat(r.drift()).isCloseTo(Math.sqrt(k / 10.0), offset(1e-6));
        }
        assertThat(result.randomMetrics()).hasNumberOfRows(5);
        assertThat(random.get(0).metric()).isEqualTo(1);
        assertThat(random.get(10).metric()).isZero();
    }
}

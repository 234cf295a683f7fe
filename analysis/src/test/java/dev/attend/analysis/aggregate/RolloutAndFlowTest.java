package dev.attend.analysis.aggregate;

import dev.attend.model.InputException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RolloutAndFlowTest {

    @Test
    void headMeanAveragesEachLayersHeads() {
        float[][] attention = {{1, 0, 0, 1, /* head 1 */ 0, 1, 0.5f, 0.5f}}; // 1 layer, 2 heads, n = 2
        double[][][] mean = HeadMean.of(attention, 2, 2);
        assertThat(mean[0][0]).containsExactly(0.5, 0.5);
        assertThat(mean[0][1]).containsExactly(0.25, 0.75);
    }

    @Test
    void residualIsHalfAttentionHalfIdentityAndAnEmptyRowBecomesTheIdentity() {
        double[][][] raw = {{{0.2, 0.8}, {0, 0}}};
        double[][][] a = ResidualAttention.of(raw);
        assertThat(a[0][0][0]).isCloseTo(0.6, within(1e-15));
        assertThat(a[0][0][1]).isCloseTo(0.4, within(1e-15));
        assertThat(a[0][1]).containsExactly(0.0, 1.0);
    }

    @Test
    void rolloutRowsSumToOne() {
        Random random = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            double[][][] r = AttentionRollout.of(RandomAttention.of(random, 1 + random.nextInt(8), 1 + random.nextInt(20)));
            for (double[][] layer : r) {
                for (double[] row : layer) {
                    double sum = 0;
                    for (double v : row) {
                        assertThat(v).isBetween(0.0, 1.0);
                        sum += v;
                    }
                    assertThat(sum).isCloseTo(1, within(1e-12));
                }
            }
        }
    }

    /** Rollout by its definition written out: the sum over every path i = t_L → t_{L−1} → … → t_0 = j. */
    @Test
    void rolloutIsTheSumOverPaths() {
        Random random = new Random(2);
        int layers = 3, n = 4;
        double[][][] raw = RandomAttention.of(random, layers, n);
        double[][][] a = ResidualAttention.of(raw);
        double[][][] r = AttentionRollout.of(raw);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double paths = 0;
                for (int t2 = 0; t2 < n; t2++) for (int t1 = 0; t1 < n; t1++) paths += a[2][i][t2] * a[1][t2][t1] * a[0][t1][j];
                assertThat(r[2][i][j]).isCloseTo(paths, within(1e-14));
            }
        }
    }

    @Test
    void flowEqualsRolloutAfterTheFirstLayer() {
        Random random = new Random(3);
        double[][][] raw = RandomAttention.of(random, 4, 9);
        double[][][] rollout = AttentionRollout.of(raw);
        double[][][] flow = AttentionFlow.of(raw);
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) assertThat(flow[0][i][j]).isCloseTo(rollout[0][i][j], within(1e-12));
        }
        double differs = 0;
        for (int i = 0; i < 9; i++) for (int j = 0; j < 9; j++) differs = Math.max(differs, Math.abs(flow[3][i][j] - rollout[3][i][j]));
        assertThat(differs).as("deeper layers: flow is not rollout").isGreaterThan(1e-3);
    }

    /**
     * Two layers, two tokens, worked by hand. Layer 1 (after the residual): [[1, 0], [0.5, 0.5]]; layer 2:
     * [[0.5, 0.5], [0, 1]]. From token 0 after layer 2: to input 0 the paths go through (1,0) with capacity
     * min(0.5, 1) = 0.5 and through (1,1) with min(0.5, 0.5) = 0.5, so 1; to input 1 only through (1,1):
     * min(0.5, 0.5) = 0.5. Normalised: [2/3, 1/3]. From token 1 after layer 2: everything goes through (1,1):
     * 0.5 to each input, normalised [0.5, 0.5].
     */
    @Test
    void flowOnAHandMadeGraph() {
        double[][][] raw = {{{1, 0}, {1, 0}}, {{0, 1}, {0, 1}}}; // residual: 0.5·raw + 0.5·I
        double[][][] flow = AttentionFlow.of(raw);
        assertThat(flow[1][0][0]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(flow[1][0][1]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(flow[1][1][0]).isCloseTo(0.5, within(1e-12));
        assertThat(flow[1][1][1]).isCloseTo(0.5, within(1e-12));
        double[][][] rollout = AttentionRollout.of(raw);
        assertThat(rollout[1][0]).containsExactly(0.75, 0.25); // [0.5, 0.5] · [[1, 0], [0.5, 0.5]]
    }

    @Test
    void selectedOutputsMatchTheFullComputation() {
        Random random = new Random(4);
        double[][][] raw = RandomAttention.of(random, 3, 7);
        double[][][] all = AttentionFlow.of(raw);
        boolean[] only = new boolean[7];
        only[0] = true;
        double[][][] one = AttentionFlow.of(raw, only);
        for (int l = 0; l < 3; l++) {
            assertThat(one[l][0]).containsExactly(all[l][0]);
            assertThat(one[l][1]).containsOnly(0.0);
        }
    }

    @Test
    void tooLargeIsRefusedBeforeAnyWork() {
        double[][][] raw = new double[6][200][200];
        assertThatThrownBy(() -> AttentionFlow.of(raw)).isInstanceOf(InputException.class)
                .hasMessageContaining("too costly").hasMessageContaining("use at most 41 tokens for every output token, 141 for one");
        AttentionFlow.check(6, 41, 41);
        AttentionFlow.check(6, 141, 1);
        assertThatThrownBy(() -> AttentionFlow.check(6, 42, 42)).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> AttentionFlow.check(6, 142, 1)).isInstanceOf(InputException.class);
    }
}

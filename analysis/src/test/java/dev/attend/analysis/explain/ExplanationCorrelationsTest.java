package dev.attend.analysis.explain;

import dev.attend.analysis.explain.AttentionImportance.Method;
import dev.attend.analysis.explain.ExplanationCorrelations.Attribution;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExplanationCorrelationsTest {

    /**
     * One layer, 4 tokens, the classifier reads token 0. Raw attention of token 0: [0.1, 0.2, 0.3, 0.4]; token 0 is
     * not scored, so rankings run over tokens 1..3: attention (0.2, 0.3, 0.4). Blank-out (9, 5, 1) is the reverse
     * order: ρ = −1; gradient × input (1, 2, 3): ρ = +1. Rollout of one layer is 0.5·W + 0.5·I: row 0 is
     * (0.55, 0.1, 0.15, 0.2) — the same order over tokens 1..3, so the same ρ; flow equals rollout at layer 1.
     */
    @Test
    void handMadeSequence() {
        double[][][] attention = {{{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}, {0, 0, 1, 0}, {0, 0, 0, 1}}};
        ExplainedSequence s = new ExplainedSequence(List.of("[CLS]", "a", "b", "c"), new boolean[] {false, true, true, true},
                new double[] {1, 0, 0, 0}, attention, new double[] {0, 9, 5, 1}, new double[] {0, 1, 2, 3});
        ExplanationCorrelations c = new ExplanationCorrelations(1);
        AttentionImportance importance = c.add(s);
        assertThat(importance.rollout()[0]).containsExactly(0.55, 0.1, 0.15, 0.2);
        for (Method m : Method.values()) {
            assertThat(c.mean(m, Attribution.BLANKOUT)[0]).as(m.key()).isCloseTo(-1, within(1e-12));
            assertThat(c.mean(m, Attribution.GRADXINPUT)[0]).as(m.key()).isCloseTo(1, within(1e-12));
        }
    }

    /** Means over sequences; a constant attribution leaves its sequence out of the cell and counts it. */
    @Test
    void averagesOverSequencesAndCountsConstantOnes() {
        double[][][] attention = {{{0.2, 0.3, 0.5}, {0, 1, 0}, {0, 0, 1}}};
        boolean[] all = {true, true, true};
        double[] readout = {1, 0, 0};
        ExplanationCorrelations c = new ExplanationCorrelations(1);
        c.add(new ExplainedSequence(List.of("x", "y", "z"), all, readout, attention, new double[] {1, 2, 3}, null));
        c.add(new ExplainedSequence(List.of("x", "y", "z"), all, readout, attention, new double[] {2, 1, 3}, null));
        c.add(new ExplainedSequence(List.of("x", "y", "z"), all, readout, attention, new double[] {7, 7, 7}, null));
        // raw ranks (1, 2, 3): ρ = 1 and ρ = 0.5; the constant one is skipped
        assertThat(c.mean(Method.RAW, Attribution.BLANKOUT)[0]).isCloseTo(0.75, within(1e-12));
        assertThat(c.skipped(Method.RAW, Attribution.BLANKOUT)).containsExactly(1);
        assertThat(c.sequences()).isEqualTo(3);
        assertThat(c.has(Attribution.GRADXINPUT)).isFalse();
        assertThat(c.mean(Method.RAW, Attribution.GRADXINPUT)[0]).isNaN();
    }
}

package dev.attend.analysis.explain;

import dev.attend.analysis.aggregate.AttentionFlow;
import dev.attend.analysis.aggregate.AttentionRollout;

/**
 * What attention says each input token contributes to an output, per layer: raw attention, rollout and flow,
 * each read through the sequence's readout (Σ_i readout[i] · M_l[i][j]). [layers][n] each.
 */
public record AttentionImportance(double[][] raw, double[][] rollout, double[][] flow) {

    public static AttentionImportance of(ExplainedSequence s) {
        double[][][] raw = s.attention();
        return new AttentionImportance(read(raw, s.readout()), read(AttentionRollout.of(raw), s.readout()),
                read(AttentionFlow.of(raw, s.outputs()), s.readout()));
    }

    /** The importance of one method by its name: raw, rollout or flow. */
    public double[][] of(Method method) {
        return switch (method) {
            case RAW -> raw;
            case ROLLOUT -> rollout;
            case FLOW -> flow;
        };
    }

    /** The three ways of reading attention as importance, by their JSON names. */
    public enum Method {
        RAW, ROLLOUT, FLOW;

        public String key() {
            return name().toLowerCase();
        }
    }

    private static double[][] read(double[][][] matrices, double[] readout) { // [layers][n][n] → [layers][n]
        int n = readout.length;
        double[][] out = new double[matrices.length][n];
        for (int l = 0; l < matrices.length; l++) {
            for (int i = 0; i < n; i++) {
                if (readout[i] == 0) continue;
                for (int j = 0; j < n; j++) out[l][j] += readout[i] * matrices[l][i][j];
            }
        }
        return out;
    }
}

package dev.attend.analysis.explain;

import java.util.List;

/**
 * One input sequence whose tokens are explained for a scalar output y, with everything the comparison needs:
 * <ul>
 * <li>{@code tokens} [n] and {@code scored} [n]: which tokens take part in the rankings (words; not [CLS]/[SEP]);</li>
 * <li>{@code readout} [n]: how y reads the last layer's positions — one-hot at the classifier's position, 1/n for
 *     mean pooling; attention-based importance of input token j at layer l is Σ_i readout[i] · M_l[i][j];</li>
 * <li>{@code attention} [layers][n][n]: raw attention averaged over heads (rows are queries);</li>
 * <li>{@code blankout} [n]: |y − y with token j replaced by [MASK]|;</li>
 * <li>{@code gradientTimesInput} [n]: ‖∂y/∂e_j ⊙ e_j‖₂ over the input embedding e_j (null when the model has no
 *     backward pass here).</li>
 * </ul>
 */
public record ExplainedSequence(List<String> tokens, boolean[] scored, double[] readout, double[][][] attention,
                                double[] blankout, double[] gradientTimesInput) {

    public ExplainedSequence {
        tokens = List.copyOf(tokens);
        int n = tokens.size();
        if (scored.length != n || readout.length != n || blankout.length != n
                || (gradientTimesInput != null && gradientTimesInput.length != n)) {
            throw new IllegalArgumentException("per-token arrays differ from the " + n + " tokens");
        }
        for (double[][] layer : attention) {
            if (layer.length != n) throw new IllegalArgumentException("attention has " + layer.length + " rows for " + n + " tokens");
        }
    }

    public int size() {
        return tokens.size();
    }

    public int layers() {
        return attention.length;
    }

    /** The output positions y reads (readout ≠ 0): the rows flow is computed for. */
    public boolean[] outputs() {
        boolean[] out = new boolean[readout.length];
        for (int i = 0; i < out.length; i++) out[i] = readout[i] != 0;
        return out;
    }
}

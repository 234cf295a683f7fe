package dev.attend.analysis.explain;

import dev.attend.train.bert.InputGradients;

/** Gradient × input as a magnitude per token: ‖∂y/∂e_j ⊙ e_j‖₂ over the hidden dimension. */
public final class GradientTimesInput {
    private GradientTimesInput() {}

    /**
     * @param embeddings e [n, C]
     * @param gradient   ∂y/∂e [n, C]
     * @return [n]
     */
    public static double[] norms(float[] embeddings, float[] gradient, int n, int hidden) {
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int c = 0; c < hidden; c++) {
                double v = (double) embeddings[j * hidden + c] * gradient[j * hidden + c];
                sum += v * v;
            }
            out[j] = Math.sqrt(sum);
        }
        return out;
    }

    public static double[] norms(InputGradients g) {
        return norms(g.embeddings(), g.gradient(), g.tokens(), g.hidden());
    }
}

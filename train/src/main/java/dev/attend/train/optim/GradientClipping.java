package dev.attend.train.optim;

import dev.attend.train.layers.Parameter;

import java.util.List;

/** Clipping by global norm: if ‖g‖ over all parameters together exceeds the limit, every gradient is scaled by limit/‖g‖. */
public final class GradientClipping {
    private GradientClipping() {}

    /** Clips in place; returns the global norm before clipping. */
    public static double clipGlobalNorm(List<Parameter> parameters, double maxNorm) {
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            for (float g : p.grad()) {
                sumOfSquares += (double) g * g;
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                float[] g = p.grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= scale;
                }
            }
        }
        return norm;
    }
}

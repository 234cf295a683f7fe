package dev.attend.model.bert;

/** LayerNorm scale (gamma) and shift (beta), each [hidden]. */
public record NormWeights(float[] gamma, float[] beta) {

    public NormWeights {
        if (gamma.length != beta.length) {
            throw new IllegalArgumentException("layer norm gamma and beta differ in size: " + gamma.length + " vs " + beta.length);
        }
    }
}

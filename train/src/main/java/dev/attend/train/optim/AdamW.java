package dev.attend.train.optim;

import dev.attend.train.layers.Parameter;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): for each parameter θ with gradient g, at step t ≥ 1,
 * <pre>
 * m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 * m̂ = m / (1 − β1ᵗ)              v̂ = v / (1 − β2ᵗ)
 * θ ← θ − lr·(m̂ / (√v̂ + ε) + λ·θ)   (λ only for parameters that decay)
 * </pre>
 * The moments are kept per parameter, in the order of the list given to {@link #step}; checkpoints save and restore
 * them with the step count.
 */
public final class AdamW {
    private final AdamWSettings settings;
    private final float[][] firstMoments;  // m per parameter
    private final float[][] secondMoments; // v per parameter
    private long steps;

    public AdamW(AdamWSettings settings, List<Parameter> parameters) {
        this.settings = settings;
        this.firstMoments = new float[parameters.size()][];
        this.secondMoments = new float[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            firstMoments[i] = new float[parameters.get(i).size()];
            secondMoments[i] = new float[parameters.get(i).size()];
        }
    }

    /** One update of every parameter from its gradient, at learning rate {@code lr}. */
    public void step(List<Parameter> parameters, double lr) {
        steps++;
        double b1 = settings.beta1(), b2 = settings.beta2();
        double firstCorrection = 1 - Math.pow(b1, steps), secondCorrection = 1 - Math.pow(b2, steps);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] theta = p.value(), g = p.grad(), m = firstMoments[i], v = secondMoments[i];
            double decay = p.decays() ? settings.weightDecay() : 0;
            for (int j = 0; j < theta.length; j++) {
                m[j] = (float) (b1 * m[j] + (1 - b1) * g[j]);
                v[j] = (float) (b2 * v[j] + (1 - b2) * g[j] * g[j]);
                double mHat = m[j] / firstCorrection, vHat = v[j] / secondCorrection;
                theta[j] -= (float) (lr * (mHat / (Math.sqrt(vHat) + settings.epsilon()) + decay * theta[j]));
            }
        }
    }

    /** Updates taken so far. */
    public long steps() {
        return steps;
    }

    /** The first moments (m) of parameter i; live, for checkpoints. */
    public float[] firstMoment(int i) {
        return firstMoments[i];
    }

    /** The second moments (v) of parameter i; live, for checkpoints. */
    public float[] secondMoment(int i) {
        return secondMoments[i];
    }

    /** Continues from a checkpoint that had taken {@code steps} updates (its moments copied in beforehand). */
    public void resumeAt(long steps) {
        this.steps = steps;
    }
}

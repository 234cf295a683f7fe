package dev.attend.train.rnn;

/** The gate nonlinearities of the recurrent layers in float, through the intrinsic {@link Math#exp}. */
final class Activations {
    private Activations() {}

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /** tanh x = 1 − 2 / (e^{2x} + 1): exact limits ±1 for large |x| (e^{2x} overflows to ∞ or underflows to 0). */
    static float tanh(float x) {
        return (float) (1 - 2 / (Math.exp(2.0 * x) + 1));
    }
}

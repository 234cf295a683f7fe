package dev.attend.model;

/**
 * What a forward pass keeps for its {@link AttentionTrace}: the attention weights of every layer and head,
 * the per-head query, key, value and context vectors, the hidden state after every layer; and which heads to
 * switch off ({@code headMask[layer][head]}, 1 keeps, 0 removes; null keeps all).
 */
public record Capture(boolean weights, boolean vectors, boolean hiddenStates, float[][] headMask) {

    /** Only the last hidden state. */
    public static Capture none() {
        return new Capture(false, false, false, null);
    }

    /** Every layer's and head's attention weights. */
    public static Capture attention() {
        return new Capture(true, false, false, null);
    }

    /** Weights, Q/K/V/context vectors and hidden states. */
    public static Capture everything() {
        return new Capture(true, true, true, null);
    }

    public Capture withVectors() {
        return new Capture(weights, true, hiddenStates, headMask);
    }

    public Capture withHiddenStates() {
        return new Capture(weights, vectors, true, headMask);
    }

    public Capture withHeadMask(float[][] mask) {
        return new Capture(weights, vectors, hiddenStates, mask);
    }
}

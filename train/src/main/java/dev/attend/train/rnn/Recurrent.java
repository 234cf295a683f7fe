package dev.attend.train.rnn;

import dev.attend.train.layers.Parameter;

import java.util.List;

/**
 * A recurrent layer run over whole time-major sequences (row {@code t·B + b}) with backpropagation through time:
 * {@link Gru} (its state is h) or {@link Lstm} (its state is h and the cell c). Outputs are the hidden states h
 * [T·B, H]; the full state after every step [T·B, W] (W = {@link #stateWidth}) is what a decoder starts from.
 */
public interface Recurrent {

    /** What backward returns: the gradient of the inputs [T·B, in] and of the initial state [B, W]. */
    record Gradients(float[] input, float[] initialState) {}

    List<Parameter> parameters();

    int hidden();

    /** The width of the carried state: H for a GRU, 2H (h then c) for an LSTM. */
    int stateWidth();

    /**
     * x [T·B, in] from the initial state [B, W] (null: zeros) → the outputs h after every step [T·B, H]. With
     * {@code steps} 1 this is one decoding step (it replaces what the last pass kept for backward).
     */
    float[] forward(float[] x, int steps, int batch, float[] initial);

    /** The last forward's full state after every step: [T·B, W] (a GRU's is its outputs). */
    float[] states();

    /**
     * dOutputs [T·B, H] and dStates [T·B, W] (the loss's gradient of every step's output and full state; null: none)
     * → input and initial-state gradients; adds the parameters' gradients.
     */
    Gradients backward(float[] dOutputs, float[] dStates);
}

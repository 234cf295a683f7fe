package dev.attend.train.rnn;

import dev.attend.train.layers.ReferenceParameter;

import java.util.List;

/** The double-precision twin of a {@link Recurrent} layer: the same contract in plain loops. */
public interface RecurrentReference {

    record Gradients(double[] input, double[] initialState) {}

    List<ReferenceParameter> parameters();

    double[] forward(double[] x, int steps, int batch, double[] initial);

    /** [T·B, W]: the full state after every step. */
    double[] states();

    Gradients backward(double[] dOutputs, double[] dStates);

    /** The twin of {@code fast}. */
    static RecurrentReference of(Recurrent fast) {
        return fast instanceof Lstm lstm ? new LstmReference(lstm) : new GruReference((Gru) fast);
    }
}

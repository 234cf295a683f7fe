package dev.attend.model.bert;

import dev.attend.core.attention.AttentionObserver;

/** Sees an encoder forward from outside: each layer's attention internals and each hidden state [Σ lengths, hidden]. */
public interface EncoderObserver {

    /** May return null when nothing of this layer's attention is wanted. */
    AttentionObserver attentionObserver(int layer);

    /** {@code layer} 0 is the embedding output; the array is reused afterwards, so copy what you keep. */
    void hiddenState(int layer, float[] state);
}

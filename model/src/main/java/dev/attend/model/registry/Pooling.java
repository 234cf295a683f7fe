package dev.attend.model.registry;

/** How a sentence embedding is made from the encoder's last hidden states. */
public enum Pooling {
    /** The average of all token vectors (attention-masked). */
    MEAN,
    /** The vector of the first token, [CLS]. */
    CLS
}

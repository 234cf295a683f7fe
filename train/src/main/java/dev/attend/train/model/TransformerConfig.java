package dev.attend.train.model;

/**
 * The shape of a trainable {@link Transformer}: a post-LN (BERT-layout) encoder of {@code layers} blocks over
 * token + learned position embeddings, with a classifier over {@code classes} reading chosen positions.
 * With {@code causal} each position attends only to itself and earlier positions. {@code intermediate} 0 means
 * attention-only blocks (no MLP). {@code scaled} false drops attention's 1/√d (softmax(Q·Kᵀ) instead of
 * softmax(Q·Kᵀ/√d)), for the experiment that asks why the scale is there.
 */
public record TransformerConfig(int vocabSize, int maxPositions, int hidden, int layers, int heads, int intermediate,
                                int classes, boolean causal, float layerNormEps, boolean scaled) {

    /** Standard deviation of the normal initialisation of matrices and tables (biases start at 0, norms at 1). */
    public static final double INIT_STD = 0.02;

    public TransformerConfig {
        if (vocabSize < 1 || maxPositions < 1 || hidden < 1 || layers < 1 || heads < 1 || intermediate < 0 || classes < 2) {
            throw new IllegalArgumentException("bad transformer sizes: vocab " + vocabSize + ", positions " + maxPositions
                    + ", hidden " + hidden + ", layers " + layers + ", heads " + heads + ", intermediate " + intermediate
                    + ", classes " + classes);
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not divisible by " + heads + " heads");
        }
    }

    /** With attention's usual 1/√d scale. */
    public TransformerConfig(int vocabSize, int maxPositions, int hidden, int layers, int heads, int intermediate,
                             int classes, boolean causal, float layerNormEps) {
        this(vocabSize, maxPositions, hidden, layers, heads, intermediate, classes, causal, layerNormEps, true);
    }

    /** True when the blocks have an MLP. */
    public boolean hasMlp() {
        return intermediate > 0;
    }
}

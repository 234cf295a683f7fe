package dev.attend.model.hf;

/**
 * How a test writes a Hugging Face BERT checkpoint: the key prefix ("bert." or ""), LayerNorm parameters named
 * gamma/beta (old TF-converted checkpoints) instead of weight/bias, and whether biases and the token-type table
 * are stored at all (when not, the weights written must be zero there).
 */
record HfLayout(String prefix, boolean gammaBetaNames, boolean biases, boolean tokenTypes) {

    static HfLayout standard() {
        return new HfLayout("", false, true, true);
    }

    HfLayout withPrefix(String newPrefix) {
        return new HfLayout(newPrefix, gammaBetaNames, biases, tokenTypes);
    }

    HfLayout withGammaBetaNames() {
        return new HfLayout(prefix, true, biases, tokenTypes);
    }

    HfLayout withoutBiases() {
        return new HfLayout(prefix, gammaBetaNames, false, tokenTypes);
    }

    HfLayout withoutTokenTypes() {
        return new HfLayout(prefix, gammaBetaNames, biases, false);
    }
}

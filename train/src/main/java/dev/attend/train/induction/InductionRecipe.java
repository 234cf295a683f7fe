package dev.attend.train.induction;

import dev.attend.train.TrainingRecipe;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.optim.AdamWSettings;

/**
 * How the induction task is trained: the data (vocabulary, sequence length, repeated segment), an attention-only
 * causal model (no MLP) of {@code hidden} width and {@code heads} heads, the optimisation, how many held-out sequences
 * are tracked at every probe snapshot and how many the final evaluation uses.
 */
public record InductionRecipe(InductionGenerator data, int hidden, int heads, TrainingRecipe training, int trackedSize,
                              int testSize) {

    public static final int DEFAULT_LAYERS = 2;

    public static InductionRecipe standard() {
        return new InductionRecipe(new InductionGenerator(64, 64, 16), 32, 2,
                new TrainingRecipe(32, 10000, 3e-3, 0.05, 0.1, 1.0, AdamWSettings.DEFAULT, 50, 1000), 128, 500);
    }

    public static InductionRecipe quick() {
        return new InductionRecipe(new InductionGenerator(16, 24, 6), 32, 2,
                new TrainingRecipe(16, 40, 3e-3, 0.1, 0.1, 1.0, AdamWSettings.DEFAULT, 10, 20), 32, 64);
    }

    /** A causal, attention-only post-LN transformer predicting the next token at every position. */
    public TransformerConfig model(int layers) {
        return new TransformerConfig(data.vocabulary(), data.tokens(), hidden, layers, heads, 0, data.vocabulary(), true,
                1e-5f, true);
    }
}

package dev.attend.train.coref;

import dev.attend.train.TrainingRecipe;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.optim.AdamWSettings;

/**
 * How the pronoun task is trained: the model's width, the optimisation, and the sizes of the validation and test
 * sets. {@link #standard} is the full run, {@link #quick} a seconds-long smoke run of the same pipeline.
 */
public record CorefRecipe(int hidden, int heads, TrainingRecipe training, int validationSize, int testSize) {

    public static final int DEFAULT_LAYERS = 2;

    public static CorefRecipe standard() {
        return new CorefRecipe(64, 2, new TrainingRecipe(32, 500, 2e-3, 0.05, 0.1, 1.0, AdamWSettings.DEFAULT, 25, 100), 1000, 2000);
    }

    public static CorefRecipe quick() {
        return new CorefRecipe(32, 2, new TrainingRecipe(16, 100, 5e-3, 0.1, 0.1, 1.0, AdamWSettings.DEFAULT, 20, 50), 100, 100);
    }

    /** A bidirectional post-LN encoder over the task's words with one class per noun. */
    public TransformerConfig model(int layers) {
        return new TransformerConfig(Lexicon.vocabularySize(), CorefGenerator.MAX_LENGTH, hidden, layers, heads,
                4 * hidden, Lexicon.nouns().size(), false, 1e-5f);
    }
}

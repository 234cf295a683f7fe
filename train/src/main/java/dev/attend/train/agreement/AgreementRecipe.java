package dev.attend.train.agreement;

import dev.attend.train.TrainingRecipe;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.optim.AdamWSettings;

/**
 * How the agreement task is trained: the model's width, the optimisation, and the sizes of the validation and test
 * sets. {@link #standard} is the full run, {@link #quick} a seconds-long smoke run of the same pipeline.
 */
public record AgreementRecipe(int hidden, int heads, TrainingRecipe training, int validationSize, int testSize) {

    public static final int DEFAULT_LAYERS = 6;

    public static AgreementRecipe standard() {
        return new AgreementRecipe(64, 4, new TrainingRecipe(32, 600, 1e-3, 0.05, 0.1, 1.0, AdamWSettings.DEFAULT, 25, 100),
                1000, 4000);
    }

    public static AgreementRecipe quick() {
        return new AgreementRecipe(32, 2, new TrainingRecipe(16, 60, 3e-3, 0.1, 0.1, 1.0, AdamWSettings.DEFAULT, 20, 50),
                100, 200);
    }

    /** A bidirectional post-LN encoder over the task's words with two classes, "is" and "are". */
    public TransformerConfig model(int layers) {
        return new TransformerConfig(AgreementLexicon.vocabulary().size(), AgreementGenerator.MAX_LENGTH, hidden, layers,
                heads, 4 * hidden, AgreementLexicon.LABELS.size(), false, 1e-5f);
    }
}

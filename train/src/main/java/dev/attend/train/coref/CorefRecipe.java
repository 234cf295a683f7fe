package dev.attend.train.coref;

import dev.attend.train.model.TransformerConfig;
import dev.attend.train.optim.AdamWSettings;
import dev.attend.train.optim.LearningRateSchedule;

/**
 * How the pronoun task is trained: the model's width, the batch, the optimiser and schedule, how often attention
 * snapshots and checkpoints are taken, and the sizes of the validation and test sets. {@link #standard} is the full
 * run, {@link #quick} a seconds-long smoke run of the same pipeline.
 */
public record CorefRecipe(int hidden, int heads, int batchSize, int defaultSteps, double peakLearningRate,
                          double warmupFraction, double finalLearningRateFraction, double maxGradientNorm,
                          AdamWSettings adamW, int probeEvery, int checkpointEvery, int validationSize, int testSize) {

    public static final int DEFAULT_LAYERS = 2;

    public static CorefRecipe standard() {
        return new CorefRecipe(64, 2, 32, 500, 2e-3, 0.05, 0.1, 1.0, AdamWSettings.DEFAULT, 25, 100, 1000, 2000);
    }

    public static CorefRecipe quick() {
        return new CorefRecipe(32, 2, 16, 100, 5e-3, 0.1, 0.1, 1.0, AdamWSettings.DEFAULT, 20, 50, 100, 100);
    }

    /** A bidirectional post-LN encoder over the task's words with one class per noun. */
    public TransformerConfig model(int layers) {
        return new TransformerConfig(Lexicon.vocabularySize(), CorefGenerator.MAX_LENGTH, hidden, layers, heads,
                4 * hidden, Lexicon.nouns().size(), false, 1e-5f);
    }

    public LearningRateSchedule schedule(int totalSteps) {
        return new LearningRateSchedule(peakLearningRate, (int) Math.ceil(warmupFraction * totalSteps), totalSteps,
                finalLearningRateFraction);
    }
}

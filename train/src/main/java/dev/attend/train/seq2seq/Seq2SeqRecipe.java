package dev.attend.train.seq2seq;

import dev.attend.train.TrainingRecipe;
import dev.attend.train.optim.AdamWSettings;

/**
 * How the sequence tasks are trained: hidden size, transformer heads and layers (the recurrent models have one layer per side),
 * the optimisation, and the number of test sources per length bucket. Steps, batches, schedule shape and hidden size
 * are the same for every architecture; the peak learning rate is {@code training}'s for the GRUs and LSTMs and
 * {@code transformerPeakLearningRate} for the transformer (a post-LN transformer at the GRUs' 5e-3 stayed at the
 * unigram loss in the first full run; 1e-3 is the agreement task's rate). {@link #standard} is the full run of the
 * rnn-vs-attention experiment, {@link #quick} a seconds-long smoke run.
 */
public record Seq2SeqRecipe(int hidden, int heads, int transformerLayers, TrainingRecipe training,
                            double transformerPeakLearningRate, int testPerBucket) {

    public static Seq2SeqRecipe standard() {
        return new Seq2SeqRecipe(64, 4, 2, new TrainingRecipe(32, 8000, 5e-3, 0.05, 0.1, 1.0, AdamWSettings.DEFAULT, 100, 500),
                1e-3, 200);
    }

    public static Seq2SeqRecipe quick() {
        return new Seq2SeqRecipe(16, 2, 1, new TrainingRecipe(8, 20, 5e-3, 0.1, 0.1, 1.0, AdamWSettings.DEFAULT, 10, 10),
                1e-3, 4);
    }

    public static Seq2SeqRecipe of(boolean quick) {
        return quick ? quick() : standard();
    }

    /** The optimisation of {@code arch}: {@link #training} with the architecture's peak learning rate. */
    public TrainingRecipe training(String arch) {
        TrainingRecipe t = training;
        double peak = arch.equals("transformer") ? transformerPeakLearningRate : t.peakLearningRate();
        return new TrainingRecipe(t.batchSize(), t.defaultSteps(), peak, t.warmupFraction(), t.finalLearningRateFraction(),
                t.maxGradientNorm(), t.adamW(), t.probeEvery(), t.checkpointEvery());
    }

    /** The model of {@code arch}; {@code layers} null means the default (GRU 1, transformer {@link #transformerLayers}). */
    public Seq2SeqConfig model(String arch, Integer layers) {
        int n = layers != null ? layers : arch.equals("transformer") ? transformerLayers : 1;
        return new Seq2SeqConfig(arch, SequenceTask.VOCABULARY, hidden, n, heads, SequenceTask.MAX_LENGTH);
    }
}

package dev.attend.train;

import dev.attend.train.optim.AdamWSettings;
import dev.attend.train.optim.LearningRateSchedule;

/**
 * How a task is optimised: batch size, default step count, the learning-rate schedule (peak, linear warm-up over a
 * fraction of the steps, cosine decay to a fraction of the peak), gradient clipping, AdamW, and how often attention
 * snapshots of the probes and checkpoints are taken.
 */
public record TrainingRecipe(int batchSize, int defaultSteps, double peakLearningRate, double warmupFraction,
                             double finalLearningRateFraction, double maxGradientNorm, AdamWSettings adamW,
                             int probeEvery, int checkpointEvery) {

    public LearningRateSchedule schedule(int totalSteps) {
        return new LearningRateSchedule(peakLearningRate, (int) Math.ceil(warmupFraction * totalSteps), totalSteps,
                finalLearningRateFraction);
    }
}

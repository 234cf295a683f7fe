package dev.attend.train.optim;

/**
 * Linear warm-up from 0 to {@code peak} over the first {@code warmupSteps} steps, then cosine decay to
 * {@code peak · finalFraction} at {@code totalSteps}. Steps count from 0; step s uses {@link #at}(s).
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double finalFraction) {

    public LearningRateSchedule {
        if (!(peak > 0) || warmupSteps < 0 || totalSteps < 1 || !(finalFraction >= 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException("bad learning rate schedule: peak " + peak + ", warm-up " + warmupSteps
                    + ", total " + totalSteps + ", final fraction " + finalFraction);
        }
    }

    public double at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double floor = peak * finalFraction;
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}

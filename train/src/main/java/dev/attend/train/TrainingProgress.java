package dev.attend.train;

/** Hears about a run while it trains (e.g. to draw a progress bar). Called on the training thread. */
public interface TrainingProgress {

    /** Training starts after {@code doneSteps} of {@code totalSteps} (more than 0 when resumed). */
    void started(int doneSteps, int totalSteps);

    /** Step {@code doneSteps} finished; the rates count this session's steps since {@link #started}. */
    void step(int doneSteps, TrainingStep.Result result, double stepsPerSecond);

    /** The held-out evaluation after the last step begins. */
    void evaluating();

    TrainingProgress NONE = new TrainingProgress() {
        @Override public void started(int doneSteps, int totalSteps) {}
        @Override public void step(int doneSteps, TrainingStep.Result result, double stepsPerSecond) {}
        @Override public void evaluating() {}
    };
}

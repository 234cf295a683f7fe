package dev.attend.train.experiment;

import dev.attend.train.TrainingProgress;
import dev.attend.train.TrainingStep;

import java.util.ArrayList;
import java.util.List;

/** Records every step's training loss and accuracy while passing the progress on (e.g. to a progress bar). */
public final class LearningCurve implements TrainingProgress {
    private final TrainingProgress next;
    private final List<double[]> points = new ArrayList<>(); // {step, loss, accuracy}

    public LearningCurve(TrainingProgress next) {
        this.next = next;
    }

    @Override public void started(int doneSteps, int totalSteps) {
        next.started(doneSteps, totalSteps);
    }

    @Override public void step(int doneSteps, TrainingStep.Result result, double stepsPerSecond) {
        points.add(new double[] {doneSteps, result.loss(), result.accuracy()});
        next.step(doneSteps, result, stepsPerSecond);
    }

    @Override public void evaluating() {
        next.evaluating();
    }

    public double[] steps() {
        return column(0);
    }

    public double[] losses() {
        return column(1);
    }

    public double[] accuracies() {
        return column(2);
    }

    private double[] column(int c) {
        return points.stream().mapToDouble(p -> p[c]).toArray();
    }

    /** The mean of the last {@code window} values up to each point (fewer at the start): a readable curve. */
    public static double[] smoothed(double[] values, int window) {
        double[] out = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) sum -= values[i - window];
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }
}

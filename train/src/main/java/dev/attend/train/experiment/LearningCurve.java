package dev.attend.train.experiment;

import dev.attend.plot.Series;
import dev.attend.train.TrainingProgress;
import dev.attend.train.TrainingStep;

import java.util.ArrayList;
import java.util.List;

/** Records every step's training loss and accuracy while passing the progress on (e.g. to a progress bar). */
public final class LearningCurve implements TrainingProgress {
    /** Points per series in the learning-curve plots. */
    static final int PLOT_POINTS = 500;

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

    /** Every k-th point (and the last) so that at most about {@code maxPoints} remain: plots of long runs stay small. */
    public static Series thinned(String name, double[] x, double[] y, int maxPoints) {
        int k = Math.max(1, (x.length + maxPoints - 1) / maxPoints);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < x.length; i += k) kept.add(i);
        if (kept.getLast() != x.length - 1) kept.add(x.length - 1);
        return new Series(name, kept.stream().mapToDouble(i -> x[i]).toArray(), kept.stream().mapToDouble(i -> y[i]).toArray());
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

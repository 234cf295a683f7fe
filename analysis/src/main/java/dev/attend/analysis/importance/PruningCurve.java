package dev.attend.analysis.importance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Prunes heads 10 % at a time in three orders and measures the target after each step (Michel et al. 2019, Fig. 3):
 * {@code importance} removes the least important heads first, {@code reverse} the most important first, and
 * {@code random} shuffles the heads with seeds seed, seed + 1, … and reports the mean and the standard deviation
 * over those orders. At fraction f the first round(f · heads) heads of the order are masked (ξ = 0). Drift is the
 * mean over the evaluated texts of ‖H − H₀‖ / ‖H₀‖, H the last hidden state [tokens, hidden] and H₀ the unpruned one.
 */
public final class PruningCurve {
    public static final int STEPS = 10;

    /** One point; for {@code random} the mean over the orders, with their standard deviation and range. */
    public record Point(String order, double fraction, int pruned, double metric, double drift, double metricStd,
                        double driftStd, double metricMin, double metricMax) {}

    /** The points of every order, and each random order's own metric per step [order][step]. */
    public record Result(List<Point> points, double[][] randomMetrics) {}

    private PruningCurve() {}

    /** The number of target measurements a run makes (for progress bars). */
    public static int measurements(int randomOrders) {
        return 1 + STEPS * (2 + randomOrders);
    }

    public static Result run(PruningTarget target, HeadImportance importance, int randomOrders, long seed,
                             IntConsumer progress) {
        int total = target.layers() * target.heads();
        int[] done = {0};
        PruningTarget.Measurement full = target.measure(mask(target, List.of(), 0));
        progress.accept(++done[0]);
        List<Integer> ascending = importance.ascending().stream().map(h -> h.layer() * target.heads() + h.head()).toList();
        List<Integer> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        List<Point> points = new ArrayList<>();
        for (String order : List.of("importance", "reverse")) {
            double[][] curve = curve(target, order.equals("importance") ? ascending : descending, full, done, progress);
            for (int k = 0; k <= STEPS; k++) {
                points.add(new Point(order, (double) k / STEPS, pruned(k, total), curve[0][k], curve[1][k], 0, 0,
                        curve[0][k], curve[0][k]));
            }
        }
        double[][] metrics = new double[randomOrders][], drifts = new double[randomOrders][];
        for (int r = 0; r < randomOrders; r++) {
            List<Integer> shuffled = new ArrayList<>(ascending);
            shuffled.sort(null);
            Collections.shuffle(shuffled, new Random(seed + r));
            double[][] curve = curve(target, shuffled, full, done, progress);
            metrics[r] = curve[0];
            drifts[r] = curve[1];
        }
        for (int k = 0; k <= STEPS && randomOrders > 0; k++) {
            int step = k;
            double[] m = Arrays.stream(metrics).mapToDouble(c -> c[step]).toArray();
            double[] d = Arrays.stream(drifts).mapToDouble(c -> c[step]).toArray();
            points.add(new Point("random", (double) k / STEPS, pruned(k, total), mean(m), mean(d), std(m), std(d),
                    Arrays.stream(m).min().orElseThrow(), Arrays.stream(m).max().orElseThrow()));
        }
        return new Result(points, metrics);
    }

    /** [metric, drift][step] along one order; step 0 is the unpruned measurement. */
    private static double[][] curve(PruningTarget target, List<Integer> order, PruningTarget.Measurement full,
                                    int[] done, IntConsumer progress) {
        int total = target.layers() * target.heads();
        double[][] curve = new double[2][STEPS + 1];
        curve[0][0] = full.metric();
        for (int k = 1; k <= STEPS; k++) {
            PruningTarget.Measurement m = target.measure(mask(target, order, pruned(k, total)));
            curve[0][k] = m.metric();
            curve[1][k] = drift(full.lastHiddenStates(), m.lastHiddenStates());
            progress.accept(++done[0]);
        }
        return curve;
    }

    static int pruned(int step, int total) {
        return (int) Math.round((double) step / STEPS * total);
    }

    /** ξ with the first {@code count} heads of {@code order} (as layer · heads + head) at 0. */
    static float[][] mask(PruningTarget target, List<Integer> order, int count) {
        float[][] mask = new float[target.layers()][target.heads()];
        for (float[] layer : mask) Arrays.fill(layer, 1f);
        for (int i = 0; i < count; i++) {
            mask[order.get(i) / target.heads()][order.get(i) % target.heads()] = 0f;
        }
        return mask;
    }

    static double drift(List<float[]> reference, List<float[]> pruned) {
        double sum = 0;
        for (int t = 0; t < reference.size(); t++) {
            float[] a = reference.get(t), b = pruned.get(t);
            double difference = 0, norm = 0;
            for (int i = 0; i < a.length; i++) {
                difference += (double) (b[i] - a[i]) * (b[i] - a[i]);
                norm += (double) a[i] * a[i];
            }
            sum += Math.sqrt(difference / norm);
        }
        return sum / reference.size();
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static double std(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return x.length < 2 ? 0 : Math.sqrt(s / (x.length - 1));
    }
}

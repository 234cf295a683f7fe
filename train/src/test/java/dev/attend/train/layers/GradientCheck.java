package dev.attend.train.layers;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Test helpers for gradient checks. Errors are norm-wise relative: ‖a − b‖ / max(‖a‖, ‖b‖), so entries whose
 * gradient is nearly zero do not dominate.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** Central-difference step; for O(1) values in double the truncation error is ~h² and the rounding ~1e-16/h. */
    static final double STEP = 1e-5;

    /** The double twin's analytic gradient must match central differences this closely. */
    public static final double TWIN_TOLERANCE = 1e-6;
    /** The float32 fast path must match its double twin this closely. */
    public static final double FAST_TOLERANCE = 1e-3;

    /** ∂loss/∂values[i] for every i, by central differences (values is perturbed and restored). */
    public static double[] numeric(double[] values, DoubleSupplier loss) {
        double[] gradient = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double saved = values[i];
            values[i] = saved + STEP;
            double plus = loss.getAsDouble();
            values[i] = saved - STEP;
            double minus = loss.getAsDouble();
            values[i] = saved;
            gradient[i] = (plus - minus) / (2 * STEP);
        }
        return gradient;
    }

    public static double relativeError(double[] a, double[] b) {
        double scale = Math.max(norm(a), norm(b));
        return scale == 0 ? 0 : norm(difference(a, b)) / scale;
    }

    public static double relativeError(float[] a, double[] b) {
        return relativeError(widen(a), b);
    }

    /** The largest error of any parameter's numeric gradient against the twin's analytic one. */
    public static double twinParameters(List<ReferenceParameter> twin, DoubleSupplier loss) {
        List<double[]> analytic = twin.stream().map(ReferenceParameter::grad).toList();
        List<double[]> numeric = twin.stream().map(p -> numeric(p.value(), loss)).toList();
        return worstError(twin.stream().map(ReferenceParameter::name).toList(), analytic, numeric);
    }

    /** The largest error of any fast parameter's gradient against its twin's. */
    public static double fastParameters(List<Parameter> fast, List<ReferenceParameter> twin) {
        for (int i = 0; i < fast.size(); i++) {
            if (!fast.get(i).name().equals(twin.get(i).name())) {
                throw new AssertionError("parameter order differs: " + fast.get(i).name() + " vs " + twin.get(i).name());
            }
        }
        List<double[]> fastGrads = fast.stream().map(p -> widen(p.grad())).toList();
        return worstError(fast.stream().map(Parameter::name).toList(), fastGrads, twin.stream().map(ReferenceParameter::grad).toList());
    }

    /**
     * The gradient of attention's key bias is exactly zero (softmax ignores a shift shared by all logits of a row,
     * and the key bias shifts each row by q·b), so a relative error means nothing there: it is measured against the
     * largest gradient of the check instead, i.e. it must vanish.
     */
    static boolean zeroBySymmetry(String name) {
        return name.endsWith(".self.key.bias");
    }

    private static double worstError(List<String> names, List<double[]> a, List<double[]> b) {
        double largest = 0;
        for (double[] g : a) largest = Math.max(largest, norm(g));
        double worst = 0;
        for (int i = 0; i < names.size(); i++) {
            double error = zeroBySymmetry(names.get(i))
                    ? norm(difference(a.get(i), b.get(i))) / largest
                    : relativeError(a.get(i), b.get(i));
            worst = Math.max(worst, error);
        }
        return worst;
    }

    private static double norm(double[] a) {
        double sum = 0;
        for (double v : a) sum += v * v;
        return Math.sqrt(sum);
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    public static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    public static float[] normal(SplittableRandom random, int n, double std) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * std);
        }
        return x;
    }

    /** Sets every parameter to normal(0, std), norm scales around 1, so that checks do not run at a trivial point. */
    public static void randomise(List<Parameter> parameters, SplittableRandom random, double std) {
        for (Parameter p : parameters) {
            boolean scale = p.name().endsWith("LayerNorm.weight");
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = (float) ((scale ? 1 : 0) + random.nextGaussian() * std);
            }
        }
    }

    /** The projection loss Σ r·y, whose gradient with respect to y is r. */
    public static double dot(double[] r, double[] y) {
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += r[i] * y[i];
        }
        return sum;
    }

    /** Reports both errors and requires twin < {@link #TWIN_TOLERANCE}, float32 < {@link #FAST_TOLERANCE}. */
    public static void require(String what, double twinError, double fastError) {
        report(what, twinError, fastError);
        org.assertj.core.api.Assertions.assertThat(twinError).as(what + ": twin vs finite differences").isLessThan(TWIN_TOLERANCE);
        org.assertj.core.api.Assertions.assertThat(fastError).as(what + ": float vs twin").isLessThan(FAST_TOLERANCE);
    }

    public static void report(String what, double twinError, double fastError) {
        System.out.printf("gradient check %-32s twin vs finite differences %.2e   float vs twin %.2e%n", what, twinError, fastError);
    }
}

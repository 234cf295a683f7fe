package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/** Accuracy of the vectorised exp and normal CDF (inside GELU) against double precision. */
class VectorMathTest {

    @BeforeAll
    static void needsVectorApi() {
        Assumptions.assumeTrue(Kernels.vectorApiPresent());
    }

    private static float[] exp(float[] x) {
        float[] y = x.clone();
        VectorMath.exp(y, 0, y.length, 0f);
        return y;
    }

    /** Phi(x) = gelu(x) / x, which adds at most an ulp or two of rounding to Phi's own error. */
    private static float[] normalCdf(float[] x) {
        float[] y = x.clone();
        VectorMath.gelu(y, 0, y.length);
        float[] phi = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            phi[i] = (float) ((double) y[i] / x[i]);
        }
        return phi;
    }

    @Test
    void expIsWithinOneUlpDownToTheSmallestNormalFloat() {
        int count = 2_000_001;
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = -87.33f * i / (count - 1);
        }
        float[] y = exp(x);
        double worstUlps = 0;
        float worstAt = 0;
        for (int i = 0; i < count; i++) {
            double want = Math.exp(x[i]);
            double ulps = Math.abs(y[i] - want) / Math.ulp((float) want);
            if (ulps > worstUlps) {
                worstUlps = ulps;
                worstAt = x[i];
            }
        }
        assertThat(worstUlps).as("worst error at x = %s", worstAt).isLessThanOrEqualTo(1.0);
    }

    @Test
    void belowTheSmallestNormalFloatExpIsOffByLessThanIt() {
        int count = 100_001;
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = -110f + (110f - 87.33f) * i / (count - 1);
        }
        float[] y = exp(x);
        for (int i = 0; i < count; i++) {
            double want = Math.exp(x[i]);
            if (!(y[i] >= 0 && Math.abs(y[i] - want) < Float.MIN_NORMAL)) {
                throw new AssertionError("e^" + x[i] + " = " + y[i] + ", want " + want);
            }
        }
    }

    @Test
    void expSumsItsResultsAndHonoursOffsetLengthAndShift() {
        float[] x = {9f, 1f, 2f, 3f, 9f};
        float sum = VectorMath.exp(x, 1, 3, 3f);
        assertThat(x[0]).isEqualTo(9f);
        assertThat(x[4]).isEqualTo(9f);
        assertThat(x[3]).isEqualTo(1f);
        assertThat((double) sum).isCloseTo(Math.exp(-2) + Math.exp(-1) + 1, org.assertj.core.data.Offset.offset(2e-7));
    }

    @Test
    void expSumOfALongRowIsWithinAnUlpOfTheExactSumOfItsResults() {
        java.util.Random random = new java.util.Random(5);
        for (int length : new int[] {1, 15, 16, 17, 33, 512, 4099, 65_536}) {
            float[] x = new float[length];
            for (int i = 0; i < length; i++) {
                x[i] = (float) (-3 * Math.abs(random.nextGaussian()));
            }
            float sum = VectorMath.exp(x, 0, length, 0f);
            double exact = 0;
            for (float e : x) exact += e;
            assertThat((double) sum).as("length %d", length).isCloseTo(exact, org.assertj.core.data.Offset.offset(2.0 * Math.ulp((float) exact)));
        }
    }

    @Test
    void expSpecialValues() {
        float[] x = {Float.NEGATIVE_INFINITY, -1e30f, -105f, -88.1f, 0f, -0f, -1f, Float.NaN, -Float.MAX_VALUE,
                -Float.MIN_VALUE};
        float[] y = exp(x);
        assertThat(y[0]).isEqualTo(0f);
        assertThat(y[1]).isEqualTo(0f);
        assertThat(y[2]).isEqualTo(0f);
        assertThat(y[3]).isEqualTo(0f);
        assertThat(y[4]).isEqualTo(1f);
        assertThat(y[5]).isEqualTo(1f);
        assertThat(y[6]).isEqualTo((float) Math.exp(-1));
        assertThat(y[7]).isNaN();
        assertThat(y[8]).isEqualTo(0f);
        assertThat(y[9]).isEqualTo(1f);
    }

    @Test
    void normalCdfIsWithin1e7AbsoluteAndRelativeInTheLowerTail() {
        int count = 400_001;
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = -14f + 28f * i / (count - 1);
            if (x[i] == 0) {
                x[i] = Float.MIN_NORMAL;
            }
        }
        float[] phi = normalCdf(x);
        double worstAbsolute = 0;
        double worstTailRelative = 0;
        for (int i = 0; i < count; i++) {
            double want = 0.5 * (1 + Erf.erf(x[i] / Math.sqrt(2)));
            if (x[i] < -1) {
                want = 0.5 * erfcFromCdfReference(-x[i] / Math.sqrt(2));
            }
            worstAbsolute = Math.max(worstAbsolute, Math.abs(phi[i] - want) - Math.ulp((float) want));
            if (x[i] < 0 && want > 1e-35) {
                worstTailRelative = Math.max(worstTailRelative, Math.abs(phi[i] / want - 1));
            }
        }
        assertThat(worstAbsolute).isLessThanOrEqualTo(1e-7);
        assertThat(worstTailRelative).isLessThanOrEqualTo(6e-7);
        float[] ends = normalCdf(new float[] {-20f, 20f, Float.NaN, 1e-30f});
        assertThat(ends[0]).isEqualTo(0f);
        assertThat(ends[1]).isEqualTo(1f);
        assertThat(ends[2]).isNaN();
        assertThat(ends[3]).isEqualTo(0.5f);
    }

    /** erfc(z) for z > 0.7 in double, by the continued fraction (independent of Erf's rational approximations). */
    private static double erfcFromCdfReference(double z) {
        // Lentz's evaluation of erfc(z) = exp(-z^2)/sqrt(pi) · 1/(z + 1/2/(z + 1/(z + 3/2/(z + 2/(z + ...)))))
        double tiny = 1e-300;
        double f = z;
        double c = z;
        double d = 0;
        for (int n = 1; n < 5000; n++) {
            double an = n / 2.0;
            d = z + an * d;
            d = d == 0 ? tiny : 1 / d;
            c = z + an / c;
            if (c == 0) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
    }
}

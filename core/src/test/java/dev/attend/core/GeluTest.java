package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeluTest {

    @AfterEach
    void reset() {
        KernelPath.reset();
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void matchesReferenceFromMinus10To10(boolean vectorised) {
        KernelPath.use(vectorised);
        int count = 200_001;
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = -10f + 20f * i / (count - 1);
        }
        float[] y = x.clone();
        Gelu.apply(y, 0, count);
        for (int i = 0; i < count; i++) {
            double want = Gelu.reference(x[i]);
            // x · Phi(x): Phi within 1e-7 absolute and ~4e-7 relative in the left tail, plus one rounding
            double tolerance = Math.min(1e-7 * Math.abs(x[i]), 5e-7 * Math.abs(want)) + Math.ulp((float) want);
            if (Math.abs(y[i] - want) > tolerance) {
                throw new AssertionError("gelu(" + x[i] + ") = " + y[i] + ", want " + want + " ± " + tolerance);
            }
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void endsAndSpecialValues(boolean vectorised) {
        KernelPath.use(vectorised);
        float[] x = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 0f, -0f, 1e30f, -1e30f, -20f, 20f,
                Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] y = x.clone();
        Gelu.apply(y, 0, y.length);
        assertThat(y[0]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(y[1]).isEqualTo(-0f);
        assertThat(y[2]).isNaN();
        assertThat(y[3]).isEqualTo(0f);
        assertThat(y[4]).isEqualTo(-0f);
        assertThat(y[5]).isEqualTo(1e30f);
        assertThat(y[6]).isEqualTo(-0f);
        assertThat(y[7]).isEqualTo(-0f);
        assertThat(y[8]).isEqualTo(20f);
        assertThat(y[9]).isEqualTo(Float.MAX_VALUE);
        assertThat(y[10]).isEqualTo(-0f);
        assertThat(Gelu.reference(Double.NEGATIVE_INFINITY)).isEqualTo(-0.0);
        assertThat(Gelu.reference(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void touchesOnlyTheGivenRange(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(2);
        for (int length : new int[] {0, 1, 15, 16, 17, 100, 40_000}) {
            float[] x = TestData.uniform(random, length + 10, -4, 4);
            float[] y = x.clone();
            Gelu.apply(y, 3, length);
            for (int i = 0; i < x.length; i++) {
                if (i < 3 || i >= 3 + length) {
                    assertThat(y[i]).isEqualTo(x[i]);
                } else {
                    assertThat((double) y[i]).isCloseTo(Gelu.reference(x[i]), org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }
}

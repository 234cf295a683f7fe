package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftmaxTest {
    private static final int[] LENGTHS = {1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 64, 100, 384, 513, 1000, 4099};

    @AfterEach
    void reset() {
        KernelPath.reset();
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Each probability within a few ulps of the reference, plus the rounding of x - max in float (half an ulp of
     * |x - max|, which e^(x - max) turns into a relative error); the row sums to 1 within 1e-6.
     */
    private static void assertDistribution(float[] got, float[] logits, int offset, double[] want, String label) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < want.length; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < want.length; i++) {
            float p = got[offset + i];
            sum += p;
            assertThat(p).as(label).isFinite();
            double gap = Math.abs((double) logits[offset + i] - max);
            double tolerance = want[i] * (4e-7 + 0x1p-24 * gap) + 1e-30;
            if (Math.abs(p - want[i]) > tolerance) {
                throw new AssertionError(label + ": p[" + i + "] = " + p + ", want " + want[i] + " ± " + tolerance);
            }
        }
        assertThat(Math.abs(sum - 1)).as(label + " sum").isLessThanOrEqualTo(1e-6);
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void matchesReferenceAndSumsToOne(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(17);
        for (int length : LENGTHS) {
            for (float scale : new float[] {1f, 10f, 1e4f}) {
                float[] logits = TestData.gaussian(random, length + 4, 0, scale);
                float[] x = logits.clone();
                Softmax.row(x, 2, length);
                assertDistribution(x, logits, 2, Softmax.reference(logits, 2, length),
                        "length " + length + " scale " + scale);
            }
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void logitScaleEqualsSoftmaxOfScaledLogits(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(23);
        float logitScale = (float) (1 / Math.sqrt(32));
        for (int length : LENGTHS) {
            float[] logits = TestData.gaussian(random, length + 4, 0, 20f);
            if (length > 1) logits[3] = Float.NEGATIVE_INFINITY; // a masked key stays exactly 0
            float[] scaled = logits.clone();
            for (int i = 0; i < scaled.length; i++) scaled[i] *= logitScale;
            float[] x = logits.clone();
            Softmax.row(x, 2, length, logitScale);
            assertDistribution(x, scaled, 2, Softmax.reference(scaled, 2, length), "length " + length);
            if (length > 1) assertThat(x[3]).isZero();
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void maskedEntriesAreExactlyZero(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(23);
        for (int length : LENGTHS) {
            float[] x = TestData.gaussian(random, length, 0, 3);
            boolean[] masked = new boolean[length];
            for (int i = 0; i < length; i++) {
                masked[i] = i > 0 && random.nextInt(3) == 0; // keep entry 0 visible
                if (masked[i]) {
                    x[i] = Float.NEGATIVE_INFINITY;
                }
            }
            float[] logits = x.clone();
            Softmax.row(x, 0, length);
            for (int i = 0; i < length; i++) {
                if (masked[i]) {
                    assertThat(x[i]).isEqualTo(0f);
                }
            }
            assertDistribution(x, logits, 0, Softmax.reference(logits, 0, length), "masked length " + length);
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void fullyMaskedRowBecomesZeros(boolean vectorised) {
        KernelPath.use(vectorised);
        for (int length : LENGTHS) {
            float[] x = new float[length];
            Arrays.fill(x, Float.NEGATIVE_INFINITY);
            Softmax.row(x, 0, length);
            assertThat(x).containsOnly(0f);
            assertThat(Softmax.reference(new float[] {Float.NEGATIVE_INFINITY}, 0, 1)).containsExactly(0.0);
        }
        Softmax.row(new float[0], 0, 0);
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void extremeLogitsGiveNoNaN(boolean vectorised) {
        KernelPath.use(vectorised);
        float[][] rows = {
                {1e4f, -1e4f, 0f, 1e4f},
                {3e38f, -3e38f, 3e38f, 0f, -3e38f},
                {-3e38f, -3e38f},
                {Float.MAX_VALUE, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY},
                {-1e4f, -1e4f + 1, -1e4f + 2},
        };
        for (float[] row : rows) {
            float[] x = row.clone();
            Softmax.row(x, 0, x.length);
            assertDistribution(x, row, 0, Softmax.reference(row, 0, row.length), Arrays.toString(row));
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void rowsRespectStrideAndOffset(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(31);
        int rows = 37;
        int cols = 29;
        int stride = 35;
        float[] x = TestData.gaussian(random, 3 + rows * stride, 0, 2);
        float[] original = x.clone();
        Softmax.rows(x, 3, rows, cols, stride);
        for (int r = 0; r < rows; r++) {
            assertDistribution(x, original, 3 + r * stride, Softmax.reference(original, 3 + r * stride, cols),
                    "row " + r);
            for (int c = cols; c < stride && 3 + r * stride + c < x.length; c++) {
                assertThat(x[3 + r * stride + c]).isEqualTo(original[3 + r * stride + c]);
            }
        }
        assertThat(Arrays.copyOf(x, 3)).containsExactly(Arrays.copyOf(original, 3));
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void sameBitsWithOneOrTwoThreads(boolean vectorised) {
        KernelPath.use(vectorised);
        float[] x = TestData.gaussian(new Random(8), 512 * 512, 0, 4);
        float[] one = x.clone();
        float[] two = x.clone();
        Parallel.setThreads(1);
        Softmax.rows(one, 0, 512, 512, 512);
        Parallel.setThreads(2);
        Softmax.rows(two, 0, 512, 512, 512);
        assertThat(two).isEqualTo(one);
    }
}

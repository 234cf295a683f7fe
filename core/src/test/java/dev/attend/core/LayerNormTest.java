package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerNormTest {
    private static final int[] DIMS = {1, 2, 7, 15, 16, 17, 33, 64, 384, 385, 1536};
    private static final float EPS = 1e-12f;

    @AfterEach
    void reset() {
        KernelPath.reset();
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** Outputs are O(|gamma| + |beta|): a few float ulps of that, relative to the reference. */
    private static void assertClose(float[] got, double[] want, float[] gamma, float[] beta, int dim, String label) {
        for (int i = 0; i < want.length; i++) {
            int c = i % dim;
            double scale = Math.abs(want[i]) + Math.abs(gamma[c]) + Math.abs(beta[c]);
            if (Math.abs(got[i] - want[i]) > 2e-6 * scale + 1e-30) {
                throw new AssertionError(label + ": y[" + i + "] = " + got[i] + ", want " + want[i]);
            }
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void matchesReference(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(4);
        for (int dim : DIMS) {
            int rows = 1 + random.nextInt(5);
            float[] x = TestData.gaussian(random, rows * dim, 0.3, 2);
            float[] gamma = TestData.uniform(random, dim, 0.5f, 1.5f);
            float[] beta = TestData.uniform(random, dim, -0.5f, 0.5f);
            float[] out = new float[rows * dim];
            LayerNorm.apply(x, rows, dim, gamma, beta, EPS, out);
            assertClose(out, LayerNorm.reference(x, rows, dim, gamma, beta, EPS), gamma, beta, dim, "dim " + dim);
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void constantRowsComeOutAsBeta(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(6);
        for (int dim : DIMS) {
            float[] x = new float[2 * dim];
            Arrays.fill(x, 0, dim, 3.25f);
            Arrays.fill(x, dim, 2 * dim, -1e4f);
            float[] gamma = TestData.uniform(random, dim, 0.5f, 1.5f);
            float[] beta = TestData.uniform(random, dim, -0.5f, 0.5f);
            LayerNorm.apply(x, 2, dim, gamma, beta, 1e-5f, x);
            assertThat(Arrays.copyOfRange(x, 0, dim)).isEqualTo(beta);
            assertThat(Arrays.copyOfRange(x, dim, 2 * dim)).isEqualTo(beta);
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void largeOffsetKeepsPrecision(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(12);
        for (int dim : new int[] {17, 384, 1536}) {
            float[] x = TestData.gaussian(random, 3 * dim, 1e4, 1);
            float[] gamma = TestData.uniform(random, dim, 0.5f, 1.5f);
            float[] beta = TestData.uniform(random, dim, -0.5f, 0.5f);
            float[] out = new float[x.length];
            LayerNorm.apply(x, 3, dim, gamma, beta, EPS, out);
            // x itself is only known to ulp(1e4) ~ 1e-3 of its unit noise; the kernels must not lose more
            double[] want = LayerNorm.reference(x, 3, dim, gamma, beta, EPS);
            for (int i = 0; i < x.length; i++) {
                assertThat((double) out[i]).as("dim %d index %d", dim, i)
                        .isCloseTo(want[i], org.assertj.core.data.Offset.offset(5e-6 * (1 + Math.abs(want[i]))));
            }
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void residualAddMayWriteIntoEitherInput(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(13);
        for (int dim : DIMS) {
            int rows = 3;
            float[] x = TestData.gaussian(random, rows * dim, 0, 1);
            float[] residual = TestData.gaussian(random, rows * dim, 5, 3);
            float[] gamma = TestData.uniform(random, dim, 0.5f, 1.5f);
            float[] beta = TestData.uniform(random, dim, -0.5f, 0.5f);
            double[] want = LayerNorm.referenceAddAndApply(x, residual, rows, dim, gamma, beta, EPS);

            float[] separate = new float[rows * dim];
            LayerNorm.addAndApply(x, residual, rows, dim, gamma, beta, EPS, separate);
            assertClose(separate, want, gamma, beta, dim, "separate out, dim " + dim);

            float[] intoX = x.clone();
            LayerNorm.addAndApply(intoX, residual, rows, dim, gamma, beta, EPS, intoX);
            assertThat(intoX).isEqualTo(separate);

            float[] intoResidual = residual.clone();
            LayerNorm.addAndApply(x, intoResidual, rows, dim, gamma, beta, EPS, intoResidual);
            assertThat(intoResidual).isEqualTo(separate);
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void sameBitsWithOneOrTwoThreads(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(14);
        int rows = 512;
        int dim = 384;
        float[] x = TestData.gaussian(random, rows * dim, 0, 1);
        float[] residual = TestData.gaussian(random, rows * dim, 0, 1);
        float[] gamma = TestData.uniform(random, dim, 0.5f, 1.5f);
        float[] beta = TestData.uniform(random, dim, -0.5f, 0.5f);
        float[] one = new float[rows * dim];
        float[] two = new float[rows * dim];
        Parallel.setThreads(1);
        LayerNorm.addAndApply(x, residual, rows, dim, gamma, beta, EPS, one);
        Parallel.setThreads(2);
        LayerNorm.addAndApply(x, residual, rows, dim, gamma, beta, EPS, two);
        assertThat(two).isEqualTo(one);
    }
}

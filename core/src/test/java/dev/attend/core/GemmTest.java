package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GemmTest {
    private static final float SENTINEL = 12345.5f;
    /** Sizes around the tile (8 rows), the vector (16) and the panel (32), primes, and 1. */
    private static final int[] SIZES = {1, 2, 3, 5, 7, 8, 9, 13, 15, 16, 17, 31, 32, 33, 40, 47, 64, 65, 97};

    @AfterEach
    void reset() {
        KernelPath.reset();
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** A [rows, cols] view inside a larger array: random offset, padded stride, sentinel everywhere else. */
    private static MatrixView paddedView(Random random, int rows, int cols) {
        int offset = random.nextInt(5);
        int stride = cols + random.nextInt(4);
        float[] data = new float[offset + rows * stride + random.nextInt(3)];
        Arrays.fill(data, SENTINEL);
        MatrixView view = new MatrixView(data, offset, rows, cols, stride);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                view.set(r, c, random.nextFloat() * 2 - 1);
            }
        }
        return view;
    }

    /** Checks C against the reference, and that nothing outside the view was written. */
    private static void assertProduct(MatrixView a, boolean transposeA, MatrixView b, boolean transposeB,
                                      MatrixView before, MatrixView c, boolean accumulate, String label) {
        int m = c.rows();
        int n = c.cols();
        int k = transposeA ? a.rows() : a.cols();
        double[] expected = Gemm.reference(a, transposeA, b, transposeB);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double magnitude = accumulate ? Math.abs(before.get(i, j)) : 0;
                for (int p = 0; p < k; p++) {
                    magnitude += Math.abs((transposeA ? a.get(p, i) : a.get(i, p))
                            * (transposeB ? b.get(j, p) : b.get(p, j)));
                }
                double want = expected[i * n + j] + (accumulate ? before.get(i, j) : 0);
                double tolerance = 0x1p-24 * 8 * Math.sqrt(k + 1.0) * magnitude + 1e-30;
                double got = c.get(i, j);
                if (Math.abs(got - want) > tolerance) {
                    throw new AssertionError(label + ": C(" + i + ", " + j + ") = " + got + ", want " + want
                            + " ± " + tolerance);
                }
            }
        }
        float[] data = c.data();
        for (int idx = 0; idx < data.length; idx++) {
            int rel = idx - c.offset();
            boolean inside = rel >= 0 && rel / c.stride() < m && rel % c.stride() < n;
            if (!inside && data[idx] != SENTINEL) {
                throw new AssertionError(label + ": wrote outside the C view at index " + idx);
            }
        }
    }

    private static MatrixView copy(MatrixView v) {
        return new MatrixView(v.data().clone(), v.offset(), v.rows(), v.cols(), v.stride());
    }

    private void checkCase(Random random, int m, int n, int k, boolean transposeA, boolean transposeB,
                           boolean accumulate) {
        MatrixView a = transposeA ? paddedView(random, k, m) : paddedView(random, m, k);
        MatrixView b = transposeB ? paddedView(random, n, k) : paddedView(random, k, n);
        MatrixView c = paddedView(random, m, n);
        MatrixView before = copy(c);
        Gemm.multiply(a, transposeA, b, transposeB, c, accumulate);
        assertProduct(a, transposeA, b, transposeB, before, c, accumulate, "m=" + m + " n=" + n + " k=" + k
                + " tA=" + transposeA + " tB=" + transposeB + " acc=" + accumulate);
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void randomShapesEveryTransposeAndAccumulate(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(42);
        for (int trial = 0; trial < 40; trial++) {
            int m = SIZES[random.nextInt(SIZES.length)];
            int n = SIZES[random.nextInt(SIZES.length)];
            int k = SIZES[random.nextInt(SIZES.length)];
            for (int flags = 0; flags < 8; flags++) {
                checkCase(random, m, n, k, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
            }
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void degenerateShapes(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(7);
        int[][] shapes = {{1, 1, 1}, {1, 1, 300}, {1, 300, 1}, {300, 1, 1}, {1, 77, 513}, {77, 1, 513},
                {33, 65, 1}, {8, 32, 16}, {16, 64, 256}};
        for (int[] s : shapes) {
            for (int flags = 0; flags < 8; flags++) {
                checkCase(random, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
            }
        }
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void largeKSpansSeveralKBlocks(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(11);
        checkCase(random, 19, 37, 1537, false, false, false);
        checkCase(random, 19, 37, 1537, true, true, true);
        checkCase(random, 130, 70, 700, false, true, false);
        checkCase(random, 9, 33, 2049, true, false, true);
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void emptyInnerDimensionGivesZerosOrLeavesCAlone(boolean vectorised) {
        KernelPath.use(vectorised);
        MatrixView a = MatrixView.of(new float[0], 3, 0);
        MatrixView b = MatrixView.of(new float[0], 0, 5);
        float[] out = new float[15];
        Arrays.fill(out, 2f);
        Gemm.multiply(a, false, b, false, MatrixView.of(out, 3, 5), true);
        assertThat(out).containsOnly(2f);
        Gemm.multiply(a, false, b, false, MatrixView.of(out, 3, 5), false);
        assertThat(out).containsOnly(0f);

        PackedMatrix w = PackedMatrix.pack(MatrixView.of(new float[0], 0, 5), false);
        float[] bias = {1, 2, 3, 4, 5};
        Gemm.multiply(a, w, MatrixView.of(out, 3, 5), Epilogue.bias(bias));
        assertThat(Arrays.copyOfRange(out, 10, 15)).containsExactly(bias);
    }

    @Test
    void emptyOuterDimensionsAreNoOps() {
        Gemm.multiply(MatrixView.of(new float[0], 0, 4), false, MatrixView.of(new float[8], 4, 2), false,
                MatrixView.of(new float[0], 0, 2), false);
        Gemm.multiply(MatrixView.of(new float[8], 2, 4), false, MatrixView.of(new float[0], 4, 0), false,
                MatrixView.of(new float[0], 2, 0), false);
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void packedEntryPointWithEveryEpilogue(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(5);
        int[][] shapes = {{1, 384, 384}, {5, 384, 1536}, {13, 100, 37}, {17, 1536, 65}, {7, 1, 3}, {40, 17, 1}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (boolean transposed : new boolean[] {false, true}) {
                float[] stored = TestData.uniform(random, k * n, -0.2f, 0.2f);
                PackedMatrix w = PackedMatrix.pack(transposed ? MatrixView.of(stored, n, k)
                        : MatrixView.of(stored, k, n), transposed);
                float[] bias = TestData.uniform(random, n, -1, 1);
                MatrixView x = MatrixView.of(TestData.uniform(random, m * k, -1, 1), m, k);
                for (Epilogue epilogue : new Epilogue[] {Epilogue.NONE, Epilogue.bias(bias), Epilogue.biasGelu(bias),
                        new Epilogue(null, Epilogue.Activation.GELU)}) {
                    MatrixView y = paddedView(random, m, n);
                    Gemm.multiply(x, w, y, epilogue);
                    double[] want = Gemm.reference(x, w, epilogue);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double tolerance = 2e-6 * Math.sqrt(k) + 1e-6 * Math.abs(want[i * n + j]);
                            if (Math.abs(y.get(i, j) - want[i * n + j]) > tolerance) {
                                throw new AssertionError(epilogue.activation() + " m=" + m + " k=" + k + " n=" + n
                                        + " Y(" + i + ", " + j + ") = " + y.get(i, j) + ", want " + want[i * n + j]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void packedMatrixKeepsEveryElement() {
        Random random = new Random(3);
        float[] stored = TestData.uniform(random, 37 * 70, -1, 1);
        MatrixView b = new MatrixView(stored, 2, 35, 70, 74); // a [35, 70] window
        PackedMatrix plain = PackedMatrix.pack(b, false);
        PackedMatrix transposed = PackedMatrix.pack(b, true);
        assertThat(plain.rows()).isEqualTo(35);
        assertThat(plain.cols()).isEqualTo(70);
        assertThat(transposed.rows()).isEqualTo(70);
        assertThat(transposed.cols()).isEqualTo(35);
        for (int r = 0; r < 35; r++) {
            for (int c = 0; c < 70; c++) {
                assertThat(plain.get(r, c)).isEqualTo(b.get(r, c));
                assertThat(transposed.get(c, r)).isEqualTo(b.get(r, c));
            }
        }
        assertThatThrownBy(() -> plain.get(35, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void sameBitsWithOneOrTwoThreads(boolean vectorised) {
        KernelPath.use(vectorised);
        Random random = new Random(9);
        // split by column panels ([16 x 384]·[384 x 1536]) and by row tiles ([200 x 300]·[300 x 70])
        int[][] shapes = {{16, 384, 1536}, {200, 300, 70}};
        for (int[] s : shapes) {
            MatrixView a = MatrixView.of(TestData.uniform(random, s[0] * s[1], -1, 1), s[0], s[1]);
            MatrixView b = MatrixView.of(TestData.uniform(random, s[1] * s[2], -1, 1), s[1], s[2]);
            float[] one = new float[s[0] * s[2]];
            float[] two = new float[s[0] * s[2]];
            Parallel.setThreads(1);
            Gemm.multiply(a, false, b, false, MatrixView.of(one, s[0], s[2]), false);
            Parallel.setThreads(2);
            Gemm.multiply(a, false, b, false, MatrixView.of(two, s[0], s[2]), false);
            assertThat(two).as("shape %s", Arrays.toString(s)).isEqualTo(one);
        }
    }

    @Test
    void mismatchedShapesAreRejected() {
        MatrixView a = MatrixView.of(new float[6], 2, 3);
        MatrixView b = MatrixView.of(new float[8], 4, 2);
        assertThatThrownBy(() -> Gemm.multiply(a, false, b, false, MatrixView.of(new float[4], 2, 2), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not match");
        PackedMatrix w = PackedMatrix.pack(MatrixView.of(new float[6], 3, 2), false);
        assertThatThrownBy(() -> Gemm.multiply(a, w, MatrixView.of(new float[6], 2, 3), Epilogue.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gemm.multiply(a, w, MatrixView.of(new float[4], 2, 2), Epilogue.bias(new float[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias");
    }
}

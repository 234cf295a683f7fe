package dev.attend.core.attention;

import dev.attend.core.MatrixView;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ScaledDotProductAttentionTest {
    private static final int[][] SHAPES = { // heads, kvHeads, queries, keys, d, dv
            {1, 1, 1, 1, 1, 1}, {1, 1, 1, 5, 7, 3}, {2, 2, 5, 5, 16, 16}, {4, 2, 17, 17, 33, 33},
            {4, 1, 9, 23, 8, 5}, {3, 3, 65, 65, 32, 32}, {2, 1, 130, 70, 19, 24}, {12, 12, 40, 40, 32, 32},
            {1, 1, 200, 3, 64, 64}};

    private record Case(float[] q, float[] k, float[] v, AttentionShape shape) {}

    private static Case randomCase(int[] s, SplittableRandom rnd, float magnitude) {
        AttentionShape shape = new AttentionShape(s[0], s[1], s[2], s[3], s[4], s[5]);
        return new Case(random(s[2] * s[0] * s[4], rnd, magnitude), random(s[3] * s[1] * s[4], rnd, magnitude),
                random(s[3] * s[1] * s[5], rnd, 1f), shape);
    }

    static float[] random(int size, SplittableRandom rnd, float magnitude) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * magnitude);
        }
        return a;
    }

    private static AttentionMask randomMask(int kind, AttentionShape s, SplittableRandom rnd) {
        int nq = s.queries(), nk = s.keys();
        return switch (kind) {
            case 0 -> AttentionMask.none();
            case 1 -> AttentionMask.padding(1 + rnd.nextInt(nk));
            case 2 -> AttentionMask.causalMask();
            case 3 -> {
                boolean[] allowed = new boolean[nq * nk];
                for (int i = 0; i < allowed.length; i++) allowed[i] = rnd.nextDouble() < 0.6;
                yield AttentionMask.none().withAllowed(allowed);
            }
            default -> {
                float[] bias = random(nq * nk, rnd, 3f);
                for (int i = 0; i < bias.length; i++) if (rnd.nextDouble() < 0.2) bias[i] = Float.NEGATIVE_INFINITY;
                yield AttentionMask.padding(Math.max(1, nk - 2)).withAdditive(bias);
            }
        };
    }

    /**
     * Runs the fast path; returns weights [heads, nq, nk] and writes out [nq, heads·dv]. The weights buffer starts
     * full of NaN: the attention must overwrite every entry (observers hand it buffers that are not zeroed).
     */
    private static float[] run(Case c, AttentionMask mask, float[] headScale, float[] out) {
        AttentionShape s = c.shape();
        float[] weights = new float[s.heads() * s.queries() * s.keys()];
        Arrays.fill(weights, Float.NaN);
        ScaledDotProductAttention.compute(
                MatrixView.of(c.q(), s.queries(), s.heads() * s.headDim()),
                MatrixView.of(c.k(), s.keys(), s.kvHeads() * s.headDim()),
                MatrixView.of(c.v(), s.keys(), s.kvHeads() * s.valueDim()),
                s, mask, headScale, MatrixView.of(out, s.queries(), s.heads() * s.valueDim()), weights);
        return weights;
    }

    @Test
    void matchesReferenceOnRandomShapesAndMasks() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int[] s : SHAPES) {
            for (int kind = 0; kind < 5; kind++) {
                Case c = randomCase(s, rnd, 2f);
                AttentionMask mask = randomMask(kind, c.shape(), rnd);
                float[] out = new float[s[2] * s[0] * s[5]];
                float[] weights = run(c, mask, null, out);
                double[][] expectedOut = new double[s[2]][s[0] * s[5]];
                double[][][] expected = AttentionReference.compute(c.q(), c.k(), c.v(), c.shape(), mask, null, expectedOut);
                assertClose(weights, expected, out, expectedOut, c.shape());
            }
        }
    }

    @Test
    void weightsAreADistributionAndMaskedKeysGetExactlyZero() {
        SplittableRandom rnd = new SplittableRandom(11);
        Case c = randomCase(new int[] {3, 3, 30, 30, 16, 16}, rnd, 3f);
        AttentionMask mask = AttentionMask.padding(21).withAllowed(randomAllowed(30 * 30, rnd)).withKeyLength(21);
        float[] weights = run(c, mask, null, new float[30 * 48]);
        for (int h = 0; h < 3; h++) {
            for (int i = 0; i < 30; i++) {
                double sum = 0;
                boolean anyVisible = false;
                for (int j = 0; j < 30; j++) {
                    float w = weights[(h * 30 + i) * 30 + j];
                    boolean visible = j < 21 && mask.allowed()[i * 30 + j];
                    anyVisible |= visible;
                    if (!visible) assertThat(w).isEqualTo(0f);
                    sum += w;
                }
                assertThat(sum).isCloseTo(anyVisible ? 1.0 : 0.0, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void fullyMaskedQueryGetsZeroWeightsAndZeroOutput() {
        SplittableRandom rnd = new SplittableRandom(3);
        Case c = randomCase(new int[] {2, 2, 4, 6, 8, 8}, rnd, 1f);
        boolean[] allowed = new boolean[4 * 6];
        java.util.Arrays.fill(allowed, true);
        for (int j = 0; j < 6; j++) allowed[2 * 6 + j] = false; // query 2 sees nothing
        float[] out = new float[4 * 16];
        float[] weights = run(c, AttentionMask.none().withAllowed(allowed), null, out);
        for (int h = 0; h < 2; h++) {
            for (int j = 0; j < 6; j++) assertThat(weights[(h * 4 + 2) * 6 + j]).isZero();
        }
        for (int col = 0; col < 16; col++) assertThat(out[2 * 16 + col]).isZero();
    }

    @Test
    void extremeLogitsAndLargeHeadsStayFinite() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int d : new int[] {64, 256}) {
            Case c = randomCase(new int[] {2, 2, 9, 9, d, d}, rnd, 1f);
            // logits of about ±1e4 after scaling: q·k/√d with |q|,|k| ~ 100 along one axis
            for (int i = 0; i < c.q().length; i += d) c.q()[i] = (float) (rnd.nextBoolean() ? 1e4 : -1e4);
            for (int i = 0; i < c.k().length; i += d) c.k()[i] = (float) (rnd.nextBoolean() ? Math.sqrt(d) : -Math.sqrt(d));
            float[] out = new float[9 * 2 * d];
            float[] weights = run(c, AttentionMask.causalMask(), null, out);
            for (float w : weights) assertThat(Float.isFinite(w)).isTrue();
            for (float o : out) assertThat(Float.isFinite(o)).isTrue();
            // float32 logits of 1e4 carry an absolute rounding error of ~1e-3, so only the distribution is checked
            for (int row = 0; row < 2 * 9; row++) {
                double sum = 0;
                for (int j = 0; j < 9; j++) sum += weights[row * 9 + j];
                assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void headScaleSwitchesHeadsOff() {
        SplittableRandom rnd = new SplittableRandom(9);
        Case c = randomCase(new int[] {3, 3, 7, 7, 4, 4}, rnd, 1f);
        float[] scale = {1f, 0f, 0.5f};
        float[] out = new float[7 * 12];
        float[] weights = run(c, AttentionMask.none(), scale, out);
        double[][] expectedOut = new double[7][12];
        double[][][] expected = AttentionReference.compute(c.q(), c.k(), c.v(), c.shape(), AttentionMask.none(), scale, expectedOut);
        assertClose(weights, expected, out, expectedOut, c.shape());
        for (int i = 0; i < 7; i++) for (int col = 4; col < 8; col++) assertThat(out[i * 12 + col]).isZero();
    }

    private static boolean[] randomAllowed(int size, SplittableRandom rnd) {
        boolean[] a = new boolean[size];
        for (int i = 0; i < size; i++) a[i] = rnd.nextDouble() < 0.7;
        return a;
    }

    static void assertClose(float[] weights, double[][][] expected, float[] out, double[][] expectedOut, AttentionShape s) {
        for (int h = 0; h < s.heads(); h++) {
            for (int i = 0; i < s.queries(); i++) {
                for (int j = 0; j < s.keys(); j++) {
                    double e = expected[h][i][j];
                    float w = weights[(h * s.queries() + i) * s.keys() + j];
                    assertThat(Math.abs(w - e)).as("weight h=%d i=%d j=%d of %s", h, i, j, s).isLessThanOrEqualTo(2e-6);
                    if (e == 0) assertThat(w).isZero();
                }
            }
        }
        int width = s.heads() * s.valueDim();
        for (int i = 0; i < s.queries(); i++) {
            for (int c = 0; c < width; c++) {
                double e = expectedOut[i][c];
                assertThat(Math.abs(out[i * width + c] - e)).as("out i=%d c=%d of %s", i, c, s)
                        .isLessThanOrEqualTo(1e-5 * (1 + Math.abs(e)));
            }
        }
    }
}

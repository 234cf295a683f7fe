package dev.attend.core.attention;

import static dev.attend.core.attention.ScaledDotProductAttentionTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attend.core.MatrixView;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlashAttentionTest {
    private static final int[][] SHAPES = { // heads, kvHeads, queries, keys, d, dv
            {1, 1, 1, 1, 1, 1}, {1, 1, 3, 7, 5, 3}, {2, 2, 65, 65, 16, 16}, {4, 2, 17, 1100, 33, 33},
            {4, 1, 130, 257, 8, 5}, {3, 3, 200, 513, 32, 32}, {2, 1, 300, 70, 19, 24}, {12, 12, 40, 40, 32, 32},
            {1, 1, 129, 600, 64, 64}, {2, 2, 1, 1000, 64, 64}};

    /**
     * Q, K, V and out placed inside larger buffers (offset 3, stride 5 wider than the data), as the fused
     * projection lays them out, so the kernel must honour views.
     */
    private record Case(MatrixView q, MatrixView k, MatrixView v, AttentionShape shape,
                        float[] denseQ, float[] denseK, float[] denseV) {

        static Case random(int[] s, SplittableRandom rnd, float magnitude) {
            AttentionShape shape = new AttentionShape(s[0], s[1], s[2], s[3], s[4], s[5]);
            float[] q = ScaledDotProductAttentionTest.random(s[2] * s[0] * s[4], rnd, magnitude);
            float[] k = ScaledDotProductAttentionTest.random(s[3] * s[1] * s[4], rnd, magnitude);
            float[] v = ScaledDotProductAttentionTest.random(s[3] * s[1] * s[5], rnd, 1f);
            return new Case(embed(q, s[2], s[0] * s[4]), embed(k, s[3], s[1] * s[4]), embed(v, s[3], s[1] * s[5]),
                    shape, q, k, v);
        }

        MatrixView newOut(float fill) {
            int cols = shape.heads() * shape.valueDim();
            float[] data = new float[3 + shape.queries() * (cols + 5)];
            Arrays.fill(data, fill);
            return new MatrixView(data, 3, shape.queries(), cols, cols + 5);
        }
    }

    private static MatrixView embed(float[] dense, int rows, int cols) {
        float[] data = new float[3 + rows * (cols + 5)];
        Arrays.fill(data, Float.NaN); // anything read outside the view poisons the result
        for (int r = 0; r < rows; r++) System.arraycopy(dense, r * cols, data, 3 + r * (cols + 5), cols);
        return new MatrixView(data, 3, rows, cols, cols + 5);
    }

    private static AttentionMask randomMask(int kind, AttentionShape s, SplittableRandom rnd) {
        return switch (kind) {
            case 0 -> AttentionMask.none();
            case 1 -> AttentionMask.padding(1 + rnd.nextInt(s.keys()));
            case 2 -> AttentionMask.causalMask();
            default -> AttentionMask.causalMask().withKeyLength(1 + rnd.nextInt(s.keys()));
        };
    }

    private static MatrixView flash(Case c, AttentionMask mask, float[] headScale) {
        MatrixView out = c.newOut(Float.NaN); // every output element must be written, none read first
        FlashAttention.compute(c.q(), c.k(), c.v(), c.shape(), mask, headScale, out);
        return out;
    }

    private static MatrixView materialised(Case c, AttentionMask mask, float[] headScale) {
        MatrixView out = c.newOut(0f);
        float[] weights = new float[c.shape().heads() * c.shape().queries() * c.shape().keys()];
        ScaledDotProductAttention.materialise(c.q(), c.k(), c.v(), c.shape(), mask, headScale, out, weights);
        return out;
    }

    /** |got - want| <= tolerance · (1 + |want|) for every element, and exact zeros where want is 0. */
    private static void assertClose(MatrixView got, MatrixView want, double tolerance, String label) {
        for (int i = 0; i < want.rows(); i++) {
            for (int c = 0; c < want.cols(); c++) {
                double e = want.get(i, c);
                assertThat((double) Math.abs(got.get(i, c) - want.get(i, c))).as("%s out[%d, %d]", label, i, c)
                        .isLessThanOrEqualTo(tolerance * (1 + Math.abs(e)));
            }
        }
    }

    private static MatrixView reference(Case c, AttentionMask mask, float[] headScale) {
        AttentionShape s = c.shape();
        int cols = s.heads() * s.valueDim();
        double[][] out = new double[s.queries()][cols];
        AttentionReference.compute(c.denseQ(), c.denseK(), c.denseV(), s, mask, headScale, out);
        float[] flat = new float[s.queries() * cols];
        for (int i = 0; i < s.queries(); i++) {
            for (int col = 0; col < cols; col++) flat[i * cols + col] = (float) out[i][col];
        }
        return MatrixView.of(flat, s.queries(), cols);
    }

    @Test
    void matchesReferenceAndMaterialisingPathOnRandomShapesLengthsAndCausality() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int[] shape : SHAPES) {
            for (int kind = 0; kind < 4; kind++) {
                Case c = Case.random(shape, rnd, 2f);
                AttentionMask mask = randomMask(kind, c.shape(), rnd);
                float[] headScale = kind == 3 ? random(shape[0], rnd, 1f) : null;
                String label = Arrays.toString(shape) + " " + mask;
                MatrixView out = flash(c, mask, headScale);
                assertClose(out, reference(c, mask, headScale), 1e-5, label + " vs reference");
                assertClose(out, materialised(c, mask, headScale), 1e-5, label + " vs materialising");
            }
        }
    }

    @Test
    void largeLogitsAcrossKeyBlocksMatchTheMaterialisingPath() {
        SplittableRandom rnd = new SplittableRandom(5);
        Case c = Case.random(new int[] {2, 2, 70, 700, 64, 64}, rnd, 1f);
        // logits of about ±1e4 after scaling: q·k/√d with q ~ 1e4 and k ~ √d along one axis; the row maximum
        // moves from key block to key block, so the running sums are rescaled by factors down to e^-2e4 = 0
        for (int i = 0; i < c.shape().queries(); i++) {
            for (int h = 0; h < 2; h++) c.q().set(i, h * 64, (float) (rnd.nextBoolean() ? 1e4 : -1e4));
        }
        for (int j = 0; j < c.shape().keys(); j++) {
            for (int h = 0; h < 2; h++) c.k().set(j, h * 64, (float) ((j % 300 + 1) / 300.0 * (rnd.nextBoolean() ? 8 : -8)));
        }
        for (AttentionMask mask : new AttentionMask[] {AttentionMask.none(), AttentionMask.causalMask().withKeyLength(650)}) {
            MatrixView out = flash(c, mask, null);
            for (int i = 0; i < out.rows(); i++) {
                for (int col = 0; col < out.cols(); col++) assertThat(out.get(i, col)).isFinite();
            }
            // float32 logits of 1e4 carry an absolute rounding error of ~1e-3, so the double reference is no
            // yardstick here; both float paths compute the very same logits
            assertClose(out, materialised(c, mask, null), 1e-5, "±1e4 logits " + mask);
        }
    }

    @Test
    void queriesThatSeeNoKeyGetZeros() {
        SplittableRandom rnd = new SplittableRandom(3);
        Case c = Case.random(new int[] {2, 1, 10, 4, 8, 8}, rnd, 1f);
        // causal with more queries than keys: query i sees keys j <= i - 6, so queries 0..5 see nothing
        MatrixView out = flash(c, AttentionMask.causalMask(), null);
        for (int i = 0; i < 10; i++) {
            for (int col = 0; col < 16; col++) {
                if (i < 6) assertThat(out.get(i, col)).isZero();
                else assertThat(out.get(i, col)).isNotZero();
            }
        }
        MatrixView none = flash(c, AttentionMask.padding(0), null);
        MatrixView off = flash(c, AttentionMask.none(), new float[] {0f, 1f});
        for (int i = 0; i < 10; i++) {
            for (int col = 0; col < 16; col++) {
                assertThat(none.get(i, col)).isZero();
                if (col < 8) assertThat(off.get(i, col)).isZero();
            }
        }
    }

    @Test
    void noKeysAndNoQueriesAreFine() {
        SplittableRandom rnd = new SplittableRandom(1);
        Case empty = Case.random(new int[] {2, 2, 3, 0, 4, 4}, rnd, 1f);
        MatrixView out = flash(empty, AttentionMask.none(), null);
        for (int i = 0; i < 3; i++) for (int col = 0; col < 8; col++) assertThat(out.get(i, col)).isZero();
        Case noQueries = Case.random(new int[] {2, 2, 0, 5, 4, 4}, rnd, 1f);
        FlashAttention.compute(noQueries.q(), noQueries.k(), noQueries.v(), noQueries.shape(), AttentionMask.none(),
                null, noQueries.newOut(0f));
    }

    @Test
    void refusesMasksThatNeedTheFullMatrix() {
        SplittableRandom rnd = new SplittableRandom(2);
        Case c = Case.random(new int[] {1, 1, 4, 4, 4, 4}, rnd, 1f);
        assertThat(FlashAttention.supports(AttentionMask.causalMask().withKeyLength(3), null)).isTrue();
        assertThat(FlashAttention.supports(AttentionMask.none(), new float[16])).isFalse();
        assertThatThrownBy(() -> FlashAttention.compute(c.q(), c.k(), c.v(), c.shape(),
                AttentionMask.none().withAllowed(new boolean[16]), null, c.newOut(0f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boolean or additive");
    }

    /**
     * Flash reads no key beyond the last query's reach, the materialising path multiplies zeros by every value
     * row: with NaN in the padded values only the flash path gives a finite result, which tells the paths apart.
     */
    @Test
    void attentionWithoutWeightsTakesTheFlashPathFromTheThreshold() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (int keys : new int[] {ScaledDotProductAttention.FLASH_MIN_KEYS - 1, ScaledDotProductAttention.FLASH_MIN_KEYS}) {
            Case c = Case.random(new int[] {3, 3, 90, keys, 16, 16}, rnd, 2f);
            AttentionMask mask = AttentionMask.causalMask().withKeyLength(keys - 10);
            for (int j = keys - 10; j < keys; j++) {
                for (int col = 0; col < c.v().cols(); col++) c.v().set(j, col, Float.NaN);
            }
            MatrixView routed = c.newOut(0f);
            ScaledDotProductAttention.compute(c.q(), c.k(), c.v(), c.shape(), mask, null, routed, null);
            if (keys < ScaledDotProductAttention.FLASH_MIN_KEYS) {
                assertThat(routed.get(c.shape().queries() - 1, 0)).as("materialising below the threshold").isNaN();
            } else {
                assertClose(routed, flash(c, mask, null), 1e-6, "flash from the threshold");
            }
        }
    }
}

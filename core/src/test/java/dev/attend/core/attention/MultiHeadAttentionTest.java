package dev.attend.core.attention;

import dev.attend.core.MatrixView;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.attend.core.attention.ScaledDotProductAttentionTest.random;
import static org.assertj.core.api.Assertions.assertThat;

class MultiHeadAttentionTest {

    private record Weights(float[] wq, float[] bq, float[] wk, float[] bk, float[] wv, float[] bv, float[] wo, float[] bo,
                           int dModel, int heads, int kvHeads, int headDim) {
        MultiHeadAttention build() {
            int q = heads * headDim, kv = kvHeads * headDim;
            return new MultiHeadAttention(MatrixView.of(wq, dModel, q), bq, MatrixView.of(wk, dModel, kv), bk,
                    MatrixView.of(wv, dModel, kv), bv, MatrixView.of(wo, q, dModel), bo, heads, kvHeads);
        }
    }

    private static Weights randomWeights(int dModel, int heads, int kvHeads, int headDim, SplittableRandom rnd) {
        int q = heads * headDim, kv = kvHeads * headDim;
        float s = (float) (1 / Math.sqrt(dModel));
        return new Weights(random(dModel * q, rnd, s), random(q, rnd, 0.1f), random(dModel * kv, rnd, s),
                random(kv, rnd, 0.1f), random(dModel * kv, rnd, s), random(kv, rnd, 0.1f),
                random(q * dModel, rnd, s), random(dModel, rnd, 0.1f), dModel, heads, kvHeads, headDim);
    }

    /** Plain loops in double: project, attend per head (reference), project out. */
    private static double[] reference(Weights w, float[] x, int n, AttentionMask mask) {
        int q = w.heads() * w.headDim(), kv = w.kvHeads() * w.headDim();
        float[] qs = toFloat(linear(x, n, w.dModel(), w.wq(), w.bq(), q));
        float[] ks = toFloat(linear(x, n, w.dModel(), w.wk(), w.bk(), kv));
        float[] vs = toFloat(linear(x, n, w.dModel(), w.wv(), w.bv(), kv));
        double[][] ctx = new double[n][q];
        AttentionReference.compute(qs, ks, vs, new AttentionShape(w.heads(), w.kvHeads(), n, n, w.headDim(), w.headDim()),
                mask, null, ctx);
        float[] flat = new float[n * q];
        for (int i = 0; i < n; i++) for (int c = 0; c < q; c++) flat[i * q + c] = (float) ctx[i][c];
        return linear(flat, n, q, w.wo(), w.bo(), w.dModel());
    }

    private static double[] linear(float[] x, int rows, int in, float[] w, float[] b, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double acc = b[o];
                for (int i = 0; i < in; i++) acc += (double) x[r * in + i] * w[i * out + o];
                y[r * out + o] = acc;
            }
        }
        return y;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    @Test
    void packedSequencesMatchReferencePerSequence() {
        SplittableRandom rnd = new SplittableRandom(22);
        for (int[] cfg : new int[][] {{16, 4, 4, 4}, {24, 6, 2, 5}, {12, 3, 1, 7}}) {
            Weights w = randomWeights(cfg[0], cfg[1], cfg[2], cfg[3], rnd);
            int[] lengths = {11, 4, 1, 70}; // 70: two query blocks, rows past a GEMM tile boundary
            int rows = 86, d = cfg[0];
            float[] x = random(rows * d, rnd, 1f);
            float[] out = new float[x.length];
            w.build().forwardPacked(x, lengths, null, out, null);
            for (int b = 0, first = 0; b < lengths.length; first += lengths[b], b++) {
                float[] xb = new float[lengths[b] * d];
                System.arraycopy(x, first * d, xb, 0, xb.length);
                double[] expected = reference(w, xb, lengths[b], AttentionMask.none()); // the sequence alone
                for (int i = 0; i < expected.length; i++) {
                    assertThat(Math.abs(out[first * d + i] - expected[i])).isLessThanOrEqualTo(1e-4 * (1 + Math.abs(expected[i])));
                }
            }
        }
    }

    @Test
    void selfAttentionWithoutPositionsIsPermutationEquivariant() {
        SplittableRandom rnd = new SplittableRandom(4);
        Weights w = randomWeights(20, 4, 4, 5, rnd);
        MultiHeadAttention mha = w.build();
        int n = 9, d = 20;
        float[] x = random(n * d, rnd, 1f);
        int[] perm = {3, 0, 8, 1, 7, 2, 6, 4, 5};
        float[] xp = new float[x.length];
        for (int i = 0; i < n; i++) System.arraycopy(x, perm[i] * d, xp, i * d, d);
        float[] out = new float[x.length];
        float[] outP = new float[x.length];
        mha.forwardPacked(x, new int[] {n}, null, out, null);
        mha.forwardPacked(xp, new int[] {n}, null, outP, null);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                assertThat(outP[i * d + c]).isCloseTo(out[perm[i] * d + c], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}

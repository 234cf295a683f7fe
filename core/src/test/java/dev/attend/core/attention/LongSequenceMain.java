package dev.attend.core.attention;

import dev.attend.core.MatrixView;
import java.util.SplittableRandom;

/**
 * Attention without weights over one head of n keys (args: n, d) in a heap too small for an [n, n] float matrix;
 * {@link LongSequenceTest} starts it in its own JVM. Checks sampled query rows against the double-precision
 * reference ({@link AttentionReference#row}, O(n) memory), prints the heap limit and "ok"; exits 1 on a mismatch.
 */
public final class LongSequenceMain {
    private LongSequenceMain() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        System.out.println("max heap MiB=" + Runtime.getRuntime().maxMemory() / (1 << 20)
                + ", [n, n] float matrix MiB=" + (long) n * n * 4 / (1 << 20));
        SplittableRandom rnd = new SplittableRandom(42);
        float[] q = ScaledDotProductAttentionTest.random(n * d, rnd, 2f); // [n, d]
        float[] k = ScaledDotProductAttentionTest.random(n * d, rnd, 2f); // [n, d]
        float[] v = ScaledDotProductAttentionTest.random(n * d, rnd, 1f); // [n, d]
        AttentionShape shape = AttentionShape.of(1, n, n, d);
        AttentionMask[] masks = {AttentionMask.causalMask().withKeyLength(n - 1000)}; // causal halves the time
        for (AttentionMask mask : masks) {
            float[] out = new float[n * d]; // [n, d]
            ScaledDotProductAttention.compute(MatrixView.of(q, n, d), MatrixView.of(k, n, d), MatrixView.of(v, n, d),
                    shape, mask, null, MatrixView.of(out, n, d), null);
            double[] want = new double[d];
            for (int i : new int[] {0, 1, 63, 64, 255, 256, n / 2 + 7, n - 1001, n - 1}) {
                AttentionReference.row(q, k, v, shape, mask, null, 0, i, want);
                for (int c = 0; c < d; c++) {
                    if (!(Math.abs(out[i * d + c] - want[c]) <= 1e-5 * (1 + Math.abs(want[c])))) {
                        System.out.println(mask + " query " + i + " column " + c + ": " + out[i * d + c] + " vs " + want[c]);
                        System.exit(1);
                    }
                }
            }
            System.out.println(mask + ": sampled rows match");
        }
        System.out.println("ok");
    }
}

package dev.attend.core;

import dev.attend.core.attention.AttentionMask;
import dev.attend.core.attention.AttentionReference;
import dev.attend.core.attention.AttentionShape;
import dev.attend.core.attention.FlashAttention;
import java.util.Random;

/**
 * Runs every kernel once and checks it against its reference; {@link ScalarFallbackTest} starts it in a JVM
 * without {@code jdk.incubator.vector}. Prints the active path, then "ok"; exits 1 on any mismatch.
 */
public final class ScalarFallbackMain {
    private ScalarFallbackMain() {}

    public static void main(String[] args) {
        System.out.println("vectorised=" + Kernels.vectorised());
        System.out.println("kernels=" + Kernels.describe());
        System.out.println("threads=" + Parallel.threads());
        Random random = new Random(1);
        int m = 19;
        int k = 70;
        int n = 45;
        MatrixView a = MatrixView.of(TestData.uniform(random, m * k, -1, 1), m, k);
        MatrixView b = MatrixView.of(TestData.uniform(random, n * k, -1, 1), n, k);
        MatrixView c = MatrixView.of(new float[m * n], m, n);
        Gemm.multiply(a, false, b, true, c, false);
        check("gemm", c.data(), Gemm.reference(a, false, b, true), 1e-5);

        float[] bias = TestData.uniform(random, n, -1, 1);
        PackedMatrix w = PackedMatrix.pack(b, true);
        Gemm.multiply(a, w, c, Epilogue.biasGelu(bias));
        check("gemm+bias+gelu", c.data(), Gemm.reference(a, w, Epilogue.biasGelu(bias)), 1e-5);

        float[] logits = TestData.gaussian(random, 50, 0, 3);
        logits[7] = Float.NEGATIVE_INFINITY;
        float[] p = logits.clone();
        Softmax.row(p, 0, p.length);
        check("softmax", p, Softmax.reference(logits, 0, logits.length), 1e-6);

        float[] x = TestData.gaussian(random, 3 * 40, 2, 3);
        float[] gamma = TestData.uniform(random, 40, 0.5f, 1.5f);
        float[] beta = TestData.uniform(random, 40, -1, 1);
        float[] y = new float[x.length];
        LayerNorm.apply(x, 3, 40, gamma, beta, 1e-12f, y);
        check("layernorm", y, LayerNorm.reference(x, 3, 40, gamma, beta, 1e-12f), 1e-5);

        float[] g = TestData.uniform(random, 33, -5, 5);
        float[] gelu = g.clone();
        Gelu.apply(gelu, 0, gelu.length);
        double[] want = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            want[i] = Gelu.reference(g[i]);
        }
        check("gelu", gelu, want, 1e-6);

        // flash attention over several key blocks: 2 query heads sharing one key/value head, causal, padded
        AttentionShape shape = new AttentionShape(2, 1, 70, 700, 16, 8);
        AttentionMask mask = AttentionMask.causalMask().withKeyLength(650);
        float[] q = TestData.uniform(random, 70 * 32, -2, 2);
        float[] keys = TestData.uniform(random, 700 * 16, -2, 2);
        float[] values = TestData.uniform(random, 700 * 8, -1, 1);
        float[] context = new float[70 * 16];
        FlashAttention.compute(MatrixView.of(q, 70, 32), MatrixView.of(keys, 700, 16), MatrixView.of(values, 700, 8),
                shape, mask, null, MatrixView.of(context, 70, 16));
        double[][] expected = new double[70][16];
        AttentionReference.compute(q, keys, values, shape, mask, null, expected);
        check("flash attention", context, java.util.Arrays.stream(expected).flatMapToDouble(java.util.Arrays::stream)
                .toArray(), 1e-5);
        System.out.println("ok");
    }

    private static void check(String name, float[] got, double[] want, double tolerance) {
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(got[i] - want[i]) <= tolerance)) {
                System.out.println(name + " mismatch at " + i + ": " + got[i] + " vs " + want[i]);
                System.exit(1);
            }
        }
    }
}

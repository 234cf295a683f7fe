package dev.attend.bench.scaling;

import dev.attend.core.MatrixView;
import dev.attend.core.attention.AttentionMask;
import dev.attend.core.attention.AttentionReference;
import dev.attend.core.attention.AttentionShape;
import dev.attend.core.attention.FlashAttention;
import dev.attend.core.attention.ScaledDotProductAttention;

/** The ways to compute one head of attention that the scaling run compares, each up to the n it can reach. */
enum AttentionPath {
    /** {@link AttentionReference}: plain loops in double precision, one thread, weights [n, n] as doubles. */
    NAIVE("naive (double loops)", 8_192),
    /** The weights [n, n] materialised, as when a caller keeps them (capture): a new float[n·n] per call. */
    MATERIALISING("materialising [n, n]", 16_384),
    /** The materialising kernel without keeping weights: one [64, n] block per task (the path before flash). */
    BLOCKED("materialising [64, n] blocks", 16_384),
    /** {@link FlashAttention}: online softmax over key blocks, O(n·d) memory. */
    FLASH("flash", 65_536);

    final String label;
    final int maxN;

    AttentionPath(String label, int maxN) {
        this.label = label;
        this.maxN = maxN;
    }

    /** One call on the inputs: self-attention of n tokens, every key visible. */
    void run(Inputs in) {
        int n = in.n(), width = in.heads() * in.d();
        AttentionShape shape = AttentionShape.of(in.heads(), n, n, in.d());
        MatrixView q = MatrixView.of(in.q(), n, width), k = MatrixView.of(in.k(), n, width);
        MatrixView v = MatrixView.of(in.v(), n, width), out = MatrixView.of(in.out(), n, width);
        switch (this) {
            case NAIVE -> AttentionReference.compute(in.q(), in.k(), in.v(), shape, AttentionMask.none(), null,
                    new double[n][width]);
            case MATERIALISING -> ScaledDotProductAttention.materialise(q, k, v, shape, AttentionMask.none(), null, out,
                    new float[in.heads() * n * n]);
            case BLOCKED -> ScaledDotProductAttention.materialise(q, k, v, shape, AttentionMask.none(), null, out, null);
            case FLASH -> FlashAttention.compute(q, k, v, shape, AttentionMask.none(), null, out);
        }
    }

    /** Q, K, V [n, heads·d] (random, seeded by n) and an output buffer [n, heads·d]. */
    record Inputs(int n, int heads, int d, float[] q, float[] k, float[] v, float[] out) {
        static Inputs random(int n, int heads, int d) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(n);
            int size = n * heads * d;
            return new Inputs(n, heads, d, uniform(rnd, size, 2), uniform(rnd, size, 2), uniform(rnd, size, 1),
                    new float[size]);
        }

        private static float[] uniform(java.util.SplittableRandom rnd, int size, double magnitude) {
            float[] a = new float[size];
            for (int i = 0; i < size; i++) a[i] = (float) ((rnd.nextDouble() * 2 - 1) * magnitude);
            return a;
        }
    }
}

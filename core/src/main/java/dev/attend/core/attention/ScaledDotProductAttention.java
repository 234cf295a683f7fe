package dev.attend.core.attention;

import dev.attend.core.Epilogue;
import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.PackedMatrix;
import dev.attend.core.Parallel;
import dev.attend.core.Softmax;

import java.util.Arrays;

/**
 * out = softmax(Q·Kᵀ/√d + mask)·V for every head, materialising the weights one block of query rows at a time.
 *
 * <p>Layout is token-major, the way projections produce it: Q is [queries, heads·d], K is [keys, kvHeads·d],
 * V is [keys, kvHeads·dv] and out is [queries, heads·dv]; head h is the column slice h·d .. (h+1)·d, so head
 * split and merge are views, not copies. Views may have a larger stride (e.g. Q, K and V side by side in one
 * fused projection buffer).
 *
 * <p>A query whose keys are all masked gets all-zero weights and a zero output. The readable double-precision
 * twin is {@link AttentionReference}.
 */
public final class ScaledDotProductAttention {
    /** Query rows per work item: keeps a block of scores [64, keys] in cache while it is softmaxed and used. */
    static final int QUERY_BLOCK = 64;

    private ScaledDotProductAttention() {}

    /**
     * Keys from which {@link FlashAttention} is used when it can be (no weights wanted, lengths and causality
     * only). Below it the materialising path is as fast or faster: measured with 12 heads of d = 32 (MiniLM), flash
     * took 1.33x / 1.18x / 1.05x its time at n = 16 / 32 / 64, and on a quiet machine 1.08x at n = 128 and 0.98x
     * at 256 (docs/performance.md).
     */
    static final int FLASH_MIN_KEYS = 256;

    /**
     * Attention by the fastest path that serves the call: {@link FlashAttention} when no weights are wanted, the
     * mask is lengths and causality only and there are at least {@link #FLASH_MIN_KEYS} keys; else
     * {@link #materialise}. This is the one place that chooses.
     *
     * @param headScale per query head, multiplies its weights (1 keeps the head, 0 switches it off); may be null
     * @param weights   [heads, queries, keys] receives the attention probabilities; may be null
     */
    public static void compute(MatrixView q, MatrixView k, MatrixView v, AttentionShape shape, AttentionMask mask,
                               float[] headScale, MatrixView out, float[] weights) {
        compute(q, k, v, shape, mask, headScale, out, weights, null);
    }

    /** As above, and every block of weights also goes to {@code sink} (may be null), which rules out flash. */
    public static void compute(MatrixView q, MatrixView k, MatrixView v, AttentionShape shape, AttentionMask mask,
                               float[] headScale, MatrixView out, float[] weights, WeightBlocks sink) {
        if (sink == null && FlashAttention.supports(mask, weights) && shape.keys() >= FLASH_MIN_KEYS) {
            FlashAttention.compute(q, k, v, shape, mask, headScale, out);
        } else {
            materialise(q, k, v, shape, mask, headScale, out, weights, sink);
        }
    }

    /**
     * The materialising path whatever the arguments: the weights of each (head, 64-query block) are built, masked,
     * softmaxed and multiplied by V; into {@code weights} when given, else into a [64, keys] block per task.
     */
    public static void materialise(MatrixView q, MatrixView k, MatrixView v, AttentionShape shape, AttentionMask mask,
                                   float[] headScale, MatrixView out, float[] weights) {
        materialise(q, k, v, shape, mask, headScale, out, weights, null);
    }

    /**
     * As above, handing each block of weights (times the head's scale) to {@code sink} (may be null) before it
     * multiplies V.
     */
    public static void materialise(MatrixView q, MatrixView k, MatrixView v, AttentionShape shape, AttentionMask mask,
                                   float[] headScale, MatrixView out, float[] weights, WeightBlocks sink) {
        checkShapes(q, k, v, shape, mask, headScale, out, weights);
        int blocks = (shape.queries() + QUERY_BLOCK - 1) / QUERY_BLOCK;
        int tasks = shape.heads() * blocks;
        PackedHeads packed = shape.keys() == 0 ? null : pack(k, v, shape);
        // (head, query block) pairs write disjoint parts of out and weights, so they run on all cores
        Parallel.forRange(tasks, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                headBlock(q, packed, shape, mask, headScale, out, weights, sink, t / blocks, (t % blocks) * QUERY_BLOCK);
            }
        });
    }

    /** Per key/value head, Kᵀ [d, keys] and V [keys, dv] in the GEMM's operand layout: packed once, not per block. */
    private record PackedHeads(PackedMatrix[] keysT, PackedMatrix[] values) {}

    private static PackedHeads pack(MatrixView k, MatrixView v, AttentionShape s) {
        int nk = s.keys(), d = s.headDim(), dv = s.valueDim();
        PackedHeads packed = new PackedHeads(new PackedMatrix[s.kvHeads()], new PackedMatrix[s.kvHeads()]);
        Parallel.forRange(s.kvHeads(), 1, (from, to) -> {
            for (int kv = from; kv < to; kv++) {
                MatrixView kHead = new MatrixView(k.data(), k.offset() + kv * d, nk, d, k.stride());   // [nk, d]
                MatrixView vHead = new MatrixView(v.data(), v.offset() + kv * dv, nk, dv, v.stride()); // [nk, dv]
                packed.keysT()[kv] = PackedMatrix.pack(kHead, true);
                packed.values()[kv] = PackedMatrix.pack(vHead, false);
            }
        });
        return packed;
    }

    private static void headBlock(MatrixView q, PackedHeads packed, AttentionShape s, AttentionMask mask,
                                  float[] headScale, MatrixView out, float[] weights, WeightBlocks sink, int h,
                                  int firstQuery) {
        int nq = s.queries(), nk = s.keys(), d = s.headDim(), dv = s.valueDim();
        int rows = Math.min(QUERY_BLOCK, nq - firstQuery);
        int kv = s.kvHeadOf(h);
        MatrixView qBlock = new MatrixView(q.data(), q.offset() + firstQuery * q.stride() + h * d, rows, d, q.stride()); // [rows, d]
        MatrixView outBlock = new MatrixView(out.data(), out.offset() + firstQuery * out.stride() + h * dv, rows, dv, out.stride());
        MatrixView scores = weights != null                                                                          // [rows, nk]
                ? new MatrixView(weights, (h * nq + firstQuery) * nk, rows, nk, nk)
                : MatrixView.of(scoreBlock(rows * nk), rows, nk);
        if (nk == 0) {
            fillZero(outBlock);
            if (sink != null) {
                sink.accept(h, firstQuery, rows, scores.data(), scores.offset(), nk);
            }
            return;
        }
        Gemm.multiply(qBlock, packed.keysT()[kv], scores, Epilogue.NONE);
        float scale = (float) s.scale();
        float keep = headScale == null ? 1f : headScale[h];
        for (int r = 0; r < rows; r++) {
            int i = firstQuery + r;
            int row = scores.offset() + r * nk;
            float[] sc = scores.data();
            int visible = mask.visibleKeys(i, nq, nk);
            if (mask.additive() == null && mask.allowed() == null) {
                Softmax.row(sc, row, visible, scale); // length and causality only: scale inside the softmax pass
            } else {
                for (int j = 0; j < visible; j++) {
                    float logit = sc[row + j] * scale;
                    if (mask.additive() != null) {
                        logit += mask.additive()[i * nk + j];
                    }
                    if (mask.allowed() != null && !mask.allowed()[i * nk + j]) {
                        logit = Float.NEGATIVE_INFINITY;
                    }
                    sc[row + j] = logit;
                }
                Softmax.row(sc, row, visible);
            }
            Arrays.fill(sc, row + visible, row + nk, 0f);
            if (keep != 1f) {
                for (int j = 0; j < visible; j++) {
                    sc[row + j] *= keep;
                }
            }
        }
        if (sink != null) {
            sink.accept(h, firstQuery, rows, scores.data(), scores.offset(), nk);
        }
        Gemm.multiply(scores, packed.values()[kv], outBlock, Epilogue.NONE);
    }

    /** Per thread, the [64, keys] block of a call that keeps no weights; grown to the longest call, then reused. */
    private static final ThreadLocal<float[][]> SCORE_BLOCK = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private static float[] scoreBlock(int size) {
        float[][] holder = SCORE_BLOCK.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }

    private static void fillZero(MatrixView m) {
        for (int r = 0; r < m.rows(); r++) {
            Arrays.fill(m.data(), m.offset() + r * m.stride(), m.offset() + r * m.stride() + m.cols(), 0f);
        }
    }

    static void checkShapes(MatrixView q, MatrixView k, MatrixView v, AttentionShape s, AttentionMask mask,
                                    float[] headScale, MatrixView out, float[] weights) {
        require(q.rows() == s.queries() && q.cols() == s.heads() * s.headDim(), "Q", q, s.queries(), s.heads() * s.headDim());
        require(k.rows() == s.keys() && k.cols() == s.kvHeads() * s.headDim(), "K", k, s.keys(), s.kvHeads() * s.headDim());
        require(v.rows() == s.keys() && v.cols() == s.kvHeads() * s.valueDim(), "V", v, s.keys(), s.kvHeads() * s.valueDim());
        require(out.rows() == s.queries() && out.cols() == s.heads() * s.valueDim(), "out", out, s.queries(), s.heads() * s.valueDim());
        if (weights != null && weights.length < s.heads() * s.queries() * s.keys()) {
            throw new IllegalArgumentException("weights buffer holds " + weights.length + " values, needs ["
                    + s.heads() + " x " + s.queries() + " x " + s.keys() + "]");
        }
        if (headScale != null && headScale.length != s.heads()) {
            throw new IllegalArgumentException("head mask has " + headScale.length + " entries for " + s.heads() + " heads");
        }
        mask.checkShape(s.queries(), s.keys());
    }

    private static void require(boolean ok, String what, MatrixView m, int rows, int cols) {
        if (!ok) {
            throw new IllegalArgumentException(what + " is [" + m.rows() + " x " + m.cols() + "], expected ["
                    + rows + " x " + cols + "]");
        }
    }
}

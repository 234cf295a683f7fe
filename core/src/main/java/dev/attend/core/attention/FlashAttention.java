package dev.attend.core.attention;

import dev.attend.core.Epilogue;
import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.PackedMatrix;
import dev.attend.core.Parallel;
import dev.attend.core.Softmax;

/**
 * out = softmax(Q·Kᵀ/√d)·V without ever holding a [queries, keys] matrix: each (head, block of 64 queries) walks
 * the keys in blocks of {@value #KEY_BLOCK}, keeping per query row a running maximum m and sum l of the
 * exponentials (online softmax). For a key block with scores s (scaled) and block maximum b:
 *
 * <pre>
 *   m' = max(m, b),  p = e^(s - m'),  α = e^(m - m'),  l' = α·l + Σp,  acc' = α·acc + p·V_block
 * </pre>
 *
 * and at the end out = acc / l. Extra memory is O(n·d): Kᵀ and V packed once per key/value head (the GEMM's
 * operand layout), plus per thread one [64, {@value #KEY_BLOCK}] score block and one [64, dv] partial product.
 *
 * <p>Same layout and contract as {@link ScaledDotProductAttention} (token-major views, key lengths, causal,
 * cross-attention, grouped-query heads, head scale, zeros for a query that sees no key), except that it cannot
 * return weights and takes no boolean or additive mask (those are [queries, keys] tensors already). Both products
 * run on core's {@link Gemm} and the exponentials on {@link Softmax}'s kernels, so the Vector API path and the
 * scalar fallback are the ones those choose.
 */
public final class FlashAttention {
    /** Query rows per work item. */
    static final int QUERY_BLOCK = 64;
    /** Keys per step of the online softmax: the score block [64, 512] (128 KiB) stays in L2 (faster than 128, 256). */
    static final int KEY_BLOCK = 512;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread buffers, reused across calls. */
    private static final class Scratch {
        final float[] scores = new float[QUERY_BLOCK * KEY_BLOCK]; // [64, KEY_BLOCK]: scores, then probabilities
        final float[] rowMax = new float[QUERY_BLOCK];
        final double[] rowSum = new double[QUERY_BLOCK];
        float[] partial = new float[0];                            // [64, dv]: p · V_block
    }

    private FlashAttention() {}

    /** Whether this path can serve the call: no weights wanted and only lengths and causality in the mask. */
    public static boolean supports(AttentionMask mask, float[] weights) {
        return weights == null && mask.allowed() == null && mask.additive() == null;
    }

    /**
     * @param mask      key length and causality only (see {@link #supports})
     * @param headScale per query head, multiplies its output (0 switches it off); may be null
     */
    public static void compute(MatrixView q, MatrixView k, MatrixView v, AttentionShape shape, AttentionMask mask,
                               float[] headScale, MatrixView out) {
        if (!supports(mask, null)) {
            throw new IllegalArgumentException("flash attention takes key lengths and causality only, not a "
                    + "boolean or additive [queries, keys] mask");
        }
        ScaledDotProductAttention.checkShapes(q, k, v, shape, mask, headScale, out, null);
        int nq = shape.queries();
        if (nq == 0) {
            return;
        }
        KeyBlocks[] packed = pack(k, v, shape, mask.visibleKeys(nq - 1, nq, shape.keys()));
        int blocks = (nq + QUERY_BLOCK - 1) / QUERY_BLOCK;
        Parallel.forRange(shape.heads() * blocks, 1, (from, to) -> {
            Scratch scratch = SCRATCH.get();
            for (int t = from; t < to; t++) {
                int h = t / blocks;
                headBlock(q, packed[shape.kvHeadOf(h)], shape, mask, headScale, out, h,
                        balancedBlock(t % blocks, blocks) * QUERY_BLOCK, scratch);
            }
        });
    }

    /**
     * Task order 0, 1, 2, ... visits query blocks 0, last, 1, last - 1, ...: with a causal mask later blocks see
     * more keys, and the pool gives each thread a contiguous range of tasks, so this evens out their work.
     */
    private static int balancedBlock(int index, int blocks) {
        return index % 2 == 0 ? index / 2 : blocks - 1 - index / 2;
    }

    /** One key/value head's keys [0, keys) cut into blocks: Kᵀ blocks [d, w] and V blocks [w, dv], packed. */
    private record KeyBlocks(PackedMatrix[] keysT, PackedMatrix[] values) {}

    /** Packs only the keys some query can see ({@code reachable}: the last query's visible prefix). */
    private static KeyBlocks[] pack(MatrixView k, MatrixView v, AttentionShape s, int reachable) {
        int d = s.headDim(), dv = s.valueDim();
        int blocks = (reachable + KEY_BLOCK - 1) / KEY_BLOCK;
        KeyBlocks[] packed = new KeyBlocks[s.kvHeads()];
        for (int kv = 0; kv < s.kvHeads(); kv++) {
            packed[kv] = new KeyBlocks(new PackedMatrix[blocks], new PackedMatrix[blocks]);
        }
        Parallel.forRange(s.kvHeads() * blocks, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int kv = t / blocks, j0 = (t % blocks) * KEY_BLOCK;
                int w = Math.min(KEY_BLOCK, reachable - j0);
                MatrixView keys = new MatrixView(k.data(), k.offset() + j0 * k.stride() + kv * d, w, d, k.stride());     // [w, d]
                MatrixView values = new MatrixView(v.data(), v.offset() + j0 * v.stride() + kv * dv, w, dv, v.stride()); // [w, dv]
                packed[kv].keysT()[t % blocks] = PackedMatrix.pack(keys, true);
                packed[kv].values()[t % blocks] = PackedMatrix.pack(values, false);
            }
        });
        return packed;
    }

    /** Query rows [firstQuery, firstQuery + 64) of head h. */
    private static void headBlock(MatrixView q, KeyBlocks kv, AttentionShape s, AttentionMask mask, float[] headScale,
                                  MatrixView out, int h, int firstQuery, Scratch scratch) {
        int nq = s.queries(), nk = s.keys(), d = s.headDim(), dv = s.valueDim();
        int rows = Math.min(QUERY_BLOCK, nq - firstQuery);
        MatrixView qBlock = new MatrixView(q.data(), q.offset() + firstQuery * q.stride() + h * d, rows, d, q.stride()); // [rows, d]
        float[] o = out.data();
        int outBase = out.offset() + firstQuery * out.stride() + h * dv; // acc lives in out: [rows, dv], stride out.stride()
        if (scratch.partial.length < QUERY_BLOCK * dv) {
            scratch.partial = new float[QUERY_BLOCK * dv];
        }
        MatrixView partial = MatrixView.of(scratch.partial, rows, dv); // [rows, dv]
        float[] p = scratch.scores;
        float[] m = scratch.rowMax;
        double[] l = scratch.rowSum;
        java.util.Arrays.fill(m, 0, rows, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(l, 0, rows, 0.0);
        float scale = (float) s.scale();
        // visible keys grow with the query index, so the block's last row reaches furthest
        int reach = mask.visibleKeys(firstQuery + rows - 1, nq, nk);
        for (int j0 = 0, block = 0; j0 < reach; j0 += KEY_BLOCK, block++) {
            PackedMatrix keysT = kv.keysT()[block];
            int w = keysT.cols();
            MatrixView scores = new MatrixView(p, 0, rows, w, KEY_BLOCK); // [rows, w]
            Gemm.multiply(qBlock, keysT, scores, Epilogue.NONE);
            for (int r = 0; r < rows; r++) {
                int row = r * KEY_BLOCK;
                int count = Math.clamp(mask.visibleKeys(firstQuery + r, nq, nk) - j0, 0, w);
                float blockMax = Softmax.scaleAndMax(p, row, count, scale);
                float newMax = Math.max(m[r], blockMax);
                float alpha;
                if (newMax == Float.NEGATIVE_INFINITY) {
                    count = 0; // nothing visible so far: p stays all zeros
                    alpha = 1f;
                } else {
                    alpha = (float) Math.exp(m[r] - newMax); // 0 on the row's first visible block
                    l[r] = alpha * l[r] + Softmax.expShifted(p, row, count, newMax);
                    m[r] = newMax;
                }
                java.util.Arrays.fill(p, row + count, row + w, 0f);
                if (j0 > 0 && alpha != 1f) {
                    int base = outBase + r * out.stride();
                    for (int c = 0; c < dv; c++) {
                        o[base + c] *= alpha;
                    }
                }
            }
            if (j0 == 0) {
                Gemm.multiply(scores, kv.values()[block], new MatrixView(o, outBase, rows, dv, out.stride()), Epilogue.NONE);
            } else {
                Gemm.multiply(scores, kv.values()[block], partial, Epilogue.NONE);
                for (int r = 0; r < rows; r++) {
                    int base = outBase + r * out.stride();
                    for (int c = 0; c < dv; c++) {
                        o[base + c] += scratch.partial[r * dv + c];
                    }
                }
            }
        }
        float keep = headScale == null ? 1f : headScale[h];
        for (int r = 0; r < rows; r++) {
            int base = outBase + r * out.stride();
            if (l[r] == 0) { // no visible key (or none reached): the query attends to nothing
                java.util.Arrays.fill(o, base, base + dv, 0f);
                continue;
            }
            float factor = (float) (keep / l[r]);
            for (int c = 0; c < dv; c++) {
                o[base + c] *= factor;
            }
        }
    }
}

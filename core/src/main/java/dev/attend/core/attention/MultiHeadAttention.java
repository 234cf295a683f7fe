package dev.attend.core.attention;

import dev.attend.core.Epilogue;
import dev.attend.core.MatrixView;

/**
 * Multi-head self-attention over a batch of sequences packed without padding: project to Q, K, V (W_Q, W_K, W_V
 * + biases, fused into one GEMM), scaled dot-product attention per sequence and head (heads are column slices, so
 * split and merge are views), then the output projection W_O + b. Stateless after construction: safe to call from
 * several threads at once.
 */
public final class MultiHeadAttention {
    private final Projection qkv;    // [dModel, (heads + 2·kvHeads)·d]
    private final Projection output; // [heads·d, dModel]
    private final int heads;
    private final int kvHeads;
    private final int headDim;

    /**
     * @param wq [dModel, heads·d], @param wk and @param wv [dModel, kvHeads·d], @param wo [heads·d, dModel];
     *           biases may be null
     */
    public MultiHeadAttention(MatrixView wq, float[] bq, MatrixView wk, float[] bk, MatrixView wv, float[] bv,
                              MatrixView wo, float[] bo, int heads, int kvHeads) {
        if (wq.cols() % heads != 0) {
            throw new IllegalArgumentException("query width " + wq.cols() + " is not divisible by " + heads + " heads");
        }
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = wq.cols() / heads;
        if (wk.cols() != kvHeads * headDim || wv.cols() != kvHeads * headDim) {
            throw new IllegalArgumentException("key/value widths " + wk.cols() + "/" + wv.cols() + " do not match "
                    + kvHeads + " heads of " + headDim);
        }
        this.qkv = Projection.concat(new MatrixView[] {wq, wk, wv}, new float[][] {bq, bk, bv});
        this.output = Projection.concat(new MatrixView[] {wo}, new float[][] {bo});
    }

    public int heads() {
        return heads;
    }

    public int headDim() {
        return headDim;
    }

    /**
     * Self-attention over sequences packed back to back without padding: x [Σ lengths, dModel] → out
     * [Σ lengths, dModel]. Sequence b is the {@code lengths[b]} rows after those of sequences 0 .. b-1 and attends
     * only to itself; the projections run once over all rows, so no work goes to padding. A sequence's numbers equal
     * those it gets alone up to rounding (a row in a GEMM edge tile gets its bias after the sum, not before).
     */
    public void forwardPacked(float[] x, int[] lengths, float[] headScale, float[] out, AttentionObserver observer) {
        int rows = 0;
        for (int len : lengths) rows += len;
        float[] projected = new float[rows * qkv.out()]; // [Σ lengths, q | k | v]
        qkv.apply(x, rows, projected, Epilogue.Activation.NONE);
        float[] context = new float[rows * heads * headDim]; // [Σ lengths, heads·d]
        for (int b = 0, first = 0; b < lengths.length; first += lengths[b], b++) {
            attend(projected, context, b, first, lengths[b], headScale, observer);
        }
        output.apply(context, rows, out, Epilogue.Activation.NONE);
    }

    /** Scaled dot-product attention of the sequence in rows {@code first .. first + n - 1}. */
    private void attend(float[] projected, float[] context, int b, int first, int n, float[] headScale,
                        AttentionObserver observer) {
        int width = qkv.out();
        int qWidth = heads * headDim;
        int kvWidth = kvHeads * headDim;
        int base = first * width;
        MatrixView q = new MatrixView(projected, base, n, qWidth, width);
        MatrixView k = new MatrixView(projected, base + qWidth, n, kvWidth, width);
        MatrixView v = new MatrixView(projected, base + qWidth + kvWidth, n, kvWidth, width);
        MatrixView ctx = new MatrixView(context, first * qWidth, n, qWidth, qWidth);
        float[] weights = observer == null ? null : observer.weightsBuffer(b, heads * n * n); // [heads, n, n]
        WeightBlocks blocks = observer == null ? null : observer.weightBlocks(b);
        AttentionShape shape = new AttentionShape(heads, kvHeads, n, n, headDim, headDim);
        ScaledDotProductAttention.compute(q, k, v, shape, AttentionMask.none(), headScale, ctx, weights, blocks);
        if (observer != null) {
            observer.observe(b, weights, q, k, v, ctx);
        }
    }
}

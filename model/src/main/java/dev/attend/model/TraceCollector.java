package dev.attend.model;

import dev.attend.core.MatrixView;
import dev.attend.core.Parallel;
import dev.attend.core.attention.AttentionObserver;
import dev.attend.model.bert.EncoderObserver;

/**
 * Collects what a {@link Capture} asks for out of a packed encoder forward (sequences back to back, no padding) into
 * per-sequence arrays: sequence b of length {@code lengths[b]} gets [heads, len, len] weights, [heads, len, d] vectors
 * and [len, hidden] hidden states.
 */
final class TraceCollector implements EncoderObserver {
    private final Capture capture;
    private final int[] lengths;
    private final int[] firstRows;   // [batch]: where each sequence's rows start
    private final int heads;
    private final int hidden;
    final float[][][] attention;     // [batch][layer] -> [heads, len, len]
    final float[][][][] vectors;     // [batch][q|k|v|context][layer] -> [heads, len, d]
    final float[][][] hiddenStates;  // [batch][layer + 1] -> [len, hidden]

    TraceCollector(Capture capture, int[] lengths, int layers, int heads, int hidden) {
        int batch = lengths.length;
        this.capture = capture;
        this.lengths = lengths;
        this.firstRows = new int[batch];
        for (int b = 1; b < batch; b++) firstRows[b] = firstRows[b - 1] + lengths[b - 1];
        this.heads = heads;
        this.hidden = hidden;
        this.attention = capture.weights() ? allocateWeights(batch, layers) : null;
        this.vectors = capture.vectors() ? new float[batch][4][layers][] : null;
        this.hiddenStates = capture.hiddenStates() ? new float[batch][layers + 1][] : null;
    }

    /**
     * Every kept [heads, len, len] array, allocated up front on all cores: a Java array is zeroed by the thread
     * that allocates it, and MiniLM's 6 × 12 × 512² floats (75 MB) take ~3-5 ms to allocate on one thread and
     * ~2.5 ms on two (memory-bound; measured alone).
     */
    private float[][][] allocateWeights(int batch, int layers) {
        float[][][] out = new float[batch][layers][];
        Parallel.forRange(batch * layers, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int len = lengths[t / layers];
                out[t / layers][t % layers] = new float[heads * len * len];
            }
        });
        return out;
    }

    boolean needed() {
        return capture.weights() || capture.vectors() || capture.hiddenStates();
    }

    @Override
    public AttentionObserver attentionObserver(int layer) {
        if (!capture.weights() && !capture.vectors()) {
            return null;
        }
        return new AttentionObserver() {
            @Override
            public float[] weightsBuffer(int b, int size) {
                return attention == null ? null : attention[b][layer]; // the attention writes into the kept array
            }

            @Override
            public void observe(int b, float[] weights, MatrixView q, MatrixView k, MatrixView v, MatrixView context) {
                int len = lengths[b];
                if (vectors != null) {
                    vectors[b][0][layer] = headMajor(q, len);
                    vectors[b][1][layer] = headMajor(k, len);
                    vectors[b][2][layer] = headMajor(v, len);
                    vectors[b][3][layer] = headMajor(context, len);
                }
            }
        };
    }

    @Override
    public void hiddenState(int layer, float[] state) {
        if (hiddenStates == null) {
            return;
        }
        for (int b = 0; b < lengths.length; b++) {
            float[] copy = new float[lengths[b] * hidden]; // [len, hidden]
            System.arraycopy(state, firstRows[b] * hidden, copy, 0, copy.length);
            hiddenStates[b][layer] = copy;
        }
    }

    /** Token-major [len, heads·d] view to head-major [heads, len, d]. */
    private float[] headMajor(MatrixView m, int len) {
        int d = m.cols() / heads;
        float[] out = new float[heads * len * d];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < len; i++) {
                System.arraycopy(m.data(), m.offset() + i * m.stride() + h * d, out, (h * len + i) * d, d);
            }
        }
        return out;
    }
}

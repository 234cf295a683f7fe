package dev.attend.model;

import dev.attend.core.MatrixView;
import dev.attend.core.attention.AttentionObserver;
import dev.attend.model.bert.EncoderObserver;

/**
 * Copies what a {@link Capture} asks for out of a batched encoder forward into per-sequence arrays, dropping
 * the padding: sequence b of true length {@code lengths[b]} gets [heads, len, len] weights, [heads, len, d]
 * vectors and [len, hidden] hidden states.
 */
final class TraceCollector implements EncoderObserver {
    private final Capture capture;
    private final int n;
    private final int[] lengths;
    private final int heads;
    private final int hidden;
    final float[][][] attention;     // [batch][layer] -> [heads, len, len]
    final float[][][][] vectors;     // [batch][q|k|v|context][layer] -> [heads, len, d]
    final float[][][] hiddenStates;  // [batch][layer + 1] -> [len, hidden]

    TraceCollector(Capture capture, int batch, int n, int[] lengths, int layers, int heads, int hidden) {
        this.capture = capture;
        this.n = n;
        this.lengths = lengths;
        this.heads = heads;
        this.hidden = hidden;
        this.attention = capture.weights() ? new float[batch][layers][] : null;
        this.vectors = capture.vectors() ? new float[batch][4][layers][] : null;
        this.hiddenStates = capture.hiddenStates() ? new float[batch][layers + 1][] : null;
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
            public boolean wantsWeights() {
                return capture.weights();
            }

            @Override
            public void observe(int b, float[] weights, MatrixView q, MatrixView k, MatrixView v, MatrixView context) {
                int len = lengths[b];
                if (weights != null) {
                    attention[b][layer] = len == n ? weights : cropWeights(weights, len);
                }
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
            System.arraycopy(state, b * n * hidden, copy, 0, copy.length);
            hiddenStates[b][layer] = copy;
        }
    }

    private float[] cropWeights(float[] weights, int len) {
        float[] out = new float[heads * len * len]; // [heads, len, len]
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < len; i++) {
                System.arraycopy(weights, (h * n + i) * n, out, (h * len + i) * len, len);
            }
        }
        return out;
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

package dev.attend.model.testing;

/** A float tensor as ONNX Runtime returned it: its shape and its values, row-major. */
public record FloatTensor(long[] shape, float[] values) {

    /** The value at a multi-index, e.g. {@code at(b, i, j)} for shape [batch, n, hidden]. */
    public float at(int... index) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * (int) shape[d] + index[d];
        }
        return values[flat];
    }
}

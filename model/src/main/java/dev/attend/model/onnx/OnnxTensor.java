package dev.attend.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A TensorProto: its name, element type, dims and its elements as little-endian bytes. For large weights the
 * bytes are a view of the memory-mapped file, decoded only when asked for; {@code data} is null when the
 * elements are not in the file (external data) or have no fixed size (strings).
 */
public record OnnxTensor(String name, OnnxDataType dataType, long[] dims, ByteBuffer data) {

    public boolean hasData() {
        return data != null;
    }

    public int rank() {
        return dims.length;
    }

    public long elementCount() {
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        return count;
    }

    /** The elements of a FLOAT tensor, row-major, decoded in one bulk copy. */
    public float[] floats() {
        requireData(OnnxDataType.FLOAT);
        float[] values = new float[(int) elementCount()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** The elements of an INT64 or INT32 tensor, row-major. */
    public long[] longs() {
        if (dataType == OnnxDataType.INT32) {
            requireData(OnnxDataType.INT32);
            int[] ints = new int[(int) elementCount()];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(ints);
            return Arrays.stream(ints).asLongStream().toArray();
        }
        requireData(OnnxDataType.INT64);
        long[] values = new long[(int) elementCount()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
        return values;
    }

    @Override
    public String toString() {
        return name + " " + dataType + Arrays.toString(dims);
    }

    private void requireData(OnnxDataType expected) {
        if (dataType != expected) {
            throw new IllegalStateException("tensor " + name + " is " + dataType + ", not " + expected);
        }
        if (data == null) {
            throw new IllegalStateException("tensor " + name + " has no data in the file (external data?)");
        }
    }
}

package dev.attend.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Decodes a TensorProto. Elements may sit in raw_data (kept as a view, no copy) or in the typed repeated
 * fields float_data / int32_data / int64_data / uint64_data / double_data, which are re-encoded to the same
 * little-endian layout raw_data would have. The byte count is checked against the dims.
 */
final class TensorProtoReader {

    private static final int DIMS = 1;
    private static final int DATA_TYPE = 2;
    private static final int FLOAT_DATA = 4;
    private static final int INT32_DATA = 5;
    private static final int INT64_DATA = 7;
    private static final int NAME = 8;
    private static final int RAW_DATA = 9;
    private static final int DOUBLE_DATA = 10;
    private static final int UINT64_DATA = 11;
    private static final int DATA_LOCATION = 14;
    private static final int EXTERNAL = 1;

    private TensorProtoReader() {}

    static OnnxTensor read(ProtoReader reader) {
        LongStream.Builder dims = LongStream.builder();
        LongStream.Builder integers = LongStream.builder();
        ByteArrayOutputStream fixedWidth = new ByteArrayOutputStream(); // float_data / double_data bytes
        boolean hasIntegers = false;
        long typeCode = 0;
        String name = "";
        ByteBuffer raw = null;
        boolean external = false;
        while (reader.next()) {
            switch (reader.field()) {
                case DIMS -> LongStream.of(reader.varints()).forEach(dims);
                case DATA_TYPE -> typeCode = reader.varint();
                case NAME -> name = reader.string();
                case RAW_DATA -> raw = reader.bytes();
                case FLOAT_DATA, DOUBLE_DATA -> fixedWidth.writeBytes(copy(reader.fixedWidthValues()));
                case INT32_DATA, INT64_DATA, UINT64_DATA -> {
                    LongStream.of(reader.varints()).forEach(integers);
                    hasIntegers = true;
                }
                case DATA_LOCATION -> external = reader.varint() == EXTERNAL;
                default -> reader.skip();
            }
        }
        OnnxDataType type = OnnxDataType.of(typeCode);
        long[] shape = dims.build().toArray();
        if (external || type.elementBytes() == 0) {
            return new OnnxTensor(name, type, shape, null);
        }
        ByteBuffer data;
        if (raw != null) {
            data = raw;
        } else if (hasIntegers) {
            long[] values = integers.build().toArray();
            checkSize(name, type, shape, (long) values.length * type.elementBytes());
            data = integersAsRaw(values, type.elementBytes());
        } else {
            data = ByteBuffer.wrap(fixedWidth.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        }
        checkSize(name, type, shape, data.remaining());
        return new OnnxTensor(name, type, shape, data);
    }

    /** int32_data holds one element per value even for 1- and 2-byte types; narrow each to its raw width. */
    private static ByteBuffer integersAsRaw(long[] values, int elementBytes) {
        ByteBuffer out = ByteBuffer.allocate(values.length * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            for (int b = 0; b < elementBytes; b++) {
                out.put((byte) (value >>> (8 * b)));
            }
        }
        return out.flip();
    }

    static byte[] copy(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return copy;
    }

    private static void checkSize(String name, OnnxDataType type, long[] dims, long actualBytes) {
        long elements = 1;
        for (long dim : dims) {
            if (dim < 0) {
                throw new ProtoFormatException("tensor " + name + " has negative dim " + dim);
            }
            elements = multiplyOrMax(elements, dim);
        }
        long expectedBytes = multiplyOrMax(elements, type.elementBytes());
        if (expectedBytes != actualBytes) {
            throw new ProtoFormatException("tensor " + name + " of " + type + " with dims "
                    + Arrays.toString(dims) + " needs " + expectedBytes + " bytes, the file holds "
                    + actualBytes);
        }
    }

    private static long multiplyOrMax(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}

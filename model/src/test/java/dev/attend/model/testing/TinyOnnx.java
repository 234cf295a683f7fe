package dev.attend.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Small but valid ONNX models written field by field, for tests that need an ONNX file that is not a BERT
 * export: {@code c = a + b} over float[2], with {@code b} an initializer.
 */
public final class TinyOnnx {

    private static final int FLOAT = 1;

    private TinyOnnx() {}

    /** The Add model with b = {1, 2}. */
    public static byte[] addModel() {
        return addModel(floats(1f, 2f));
    }

    /** The Add model whose initializer b is declared [2] FLOAT and holds {@code bRawData} as raw_data. */
    public static byte[] addModel(byte[] bRawData) {
        // ModelProto: ir_version=1, opset_import=8 {domain=1, version=2}, graph=7 (last, so no prefix is valid)
        return ProtoWriter.encode(model -> model
                .varint(1, 8)
                .message(8, opset -> opset.string(1, "").varint(2, 13))
                .message(7, graph -> graph
                        .message(1, node -> node.string(1, "a").string(1, "b").string(2, "c")
                                .string(3, "add").string(4, "Add"))
                        .string(2, "tiny")
                        .message(5, tensor -> tensor.varint(1, 2).varint(2, FLOAT).string(8, "b").bytes(9, bRawData))
                        .message(11, floatVector("a"))
                        .message(12, floatVector("c"))));
    }

    public static Path write(byte[] model, Path file) {
        try {
            return Files.write(file, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] floats(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    // ValueInfoProto{name=1, type=2: TypeProto{tensor_type=1: {elem_type=1, shape=2: {dim=1: {dim_value=1}}}}}
    private static Consumer<ProtoWriter> floatVector(String name) {
        return valueInfo -> valueInfo.string(1, name).message(2, type -> type.message(1, tensorType -> tensorType
                .varint(1, FLOAT)
                .message(2, shape -> shape.message(1, dim -> dim.varint(1, 2)))));
    }
}

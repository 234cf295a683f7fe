package dev.attend.model.onnx;

import dev.attend.model.ModelException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an .onnx file (a protobuf ModelProto) into an {@link OnnxModel}. The file is memory-mapped and weight
 * tensors stay views of the mapping until decoded, so reading a 100 MB model costs little more than its
 * graph structure. Anything that is not a readable ONNX model ends in a {@link ModelException} naming the file.
 */
public final class OnnxModelReader {

    private OnnxModelReader() {}

    public static OnnxModel read(Path file) {
        ByteBuffer bytes = map(file);
        if (!bytes.hasRemaining()) {
            throw new ModelException(file + ": empty file; expected an ONNX model (protobuf ModelProto)");
        }
        try {
            return readModel(file, new ProtoReader(bytes, "ModelProto"));
        } catch (ProtoFormatException e) {
            throw new ModelException(file + ": not a readable ONNX model (expected protobuf ModelProto; "
                    + e.getMessage() + ")", e);
        }
    }

    private static ByteBuffer map(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new ModelException(file + ": " + channel.size()
                        + " bytes; ONNX files over 2 GB (external data) are not supported");
            }
            // The mapping stays valid after the channel is closed.
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (NoSuchFileException e) {
            throw new ModelException(file + ": no such file; expected an ONNX model", e);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read ONNX model: " + e.getMessage(), e);
        }
    }

    // ModelProto: ir_version=1, producer_name=2, graph=7, opset_import=8
    private static OnnxModel readModel(Path file, ProtoReader reader) {
        long irVersion = 0;
        String producer = "";
        Map<String, Long> opsets = new HashMap<>();
        OnnxGraph graph = null;
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> irVersion = reader.varint();
                case 2 -> producer = reader.string();
                case 7 -> graph = readGraph(reader.message("GraphProto"));
                case 8 -> readOpset(reader.message("OperatorSetIdProto"), opsets);
                default -> reader.skip();
            }
        }
        if (irVersion <= 0 || graph == null) {
            throw new ModelException(file + ": not an ONNX model: expected a ModelProto with an ir_version (field 1)"
                    + " and a graph (field 7), found " + (irVersion <= 0 ? "no ir_version" : "no graph"));
        }
        return new OnnxModel(file, irVersion, producer, opsets, graph);
    }

    // OperatorSetIdProto: domain=1, version=2
    private static void readOpset(ProtoReader reader, Map<String, Long> opsets) {
        String domain = "";
        long version = 0;
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> domain = reader.string();
                case 2 -> version = reader.varint();
                default -> reader.skip();
            }
        }
        opsets.put(domain, version);
    }

    // GraphProto: node=1, name=2, initializer=5, input=11, output=12, value_info=13
    private static OnnxGraph readGraph(ProtoReader reader) {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new HashMap<>();
        List<String> declaredInputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> valueInfos = new ArrayList<>();
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> nodes.add(readNode(reader.message("NodeProto")));
                case 2 -> name = reader.string();
                case 5 -> {
                    OnnxTensor tensor = TensorProtoReader.read(reader.message("TensorProto"));
                    initializers.put(tensor.name(), tensor);
                }
                case 11 -> declaredInputs.add(readValueInfoName(reader.message("ValueInfoProto")));
                case 12 -> outputs.add(readValueInfoName(reader.message("ValueInfoProto")));
                case 13 -> valueInfos.add(readValueInfoName(reader.message("ValueInfoProto")));
                default -> reader.skip();
            }
        }
        // Before IR version 4 initializers were also listed as graph inputs; only the others are fed at run time.
        List<String> inputs = declaredInputs.stream().filter(input -> !initializers.containsKey(input)).toList();
        return new OnnxGraph(name, nodes, initializers, constants(nodes), inputs, outputs, valueInfos);
    }

    private static Map<String, OnnxTensor> constants(List<OnnxNode> nodes) {
        Map<String, OnnxTensor> constants = new HashMap<>();
        for (OnnxNode node : nodes) {
            if (node.opType().equals("Constant") && node.outputs().size() == 1) {
                node.attribute("value").map(OnnxAttribute::t)
                        .ifPresent(tensor -> constants.put(node.outputs().get(0), tensor));
            }
        }
        return constants;
    }

    // ValueInfoProto: name=1 (the type is not needed here)
    private static String readValueInfoName(ProtoReader reader) {
        String name = "";
        while (reader.next()) {
            if (reader.field() == 1) {
                name = reader.string();
            } else {
                reader.skip();
            }
        }
        return name;
    }

    // NodeProto: input=1, output=2, name=3, op_type=4, attribute=5
    private static OnnxNode readNode(ProtoReader reader) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        Map<String, OnnxAttribute> attributes = new HashMap<>();
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> inputs.add(reader.string());
                case 2 -> outputs.add(reader.string());
                case 3 -> name = reader.string();
                case 4 -> opType = reader.string();
                case 5 -> {
                    OnnxAttribute attribute = readAttribute(reader.message("AttributeProto"));
                    attributes.put(attribute.name(), attribute);
                }
                default -> reader.skip();
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    // AttributeProto: name=1, f=2, i=3, s=4, t=5, floats=7, ints=8, type=20
    private static OnnxAttribute readAttribute(ProtoReader reader) {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = "";
        OnnxTensor t = null;
        ByteArrayOutputStream floats = new ByteArrayOutputStream(); // little-endian fixed32 values
        List<long[]> ints = new ArrayList<>();
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> name = reader.string();
                case 2 -> f = Float.intBitsToFloat(reader.fixed32());
                case 3 -> i = reader.varint();
                case 4 -> s = reader.string();
                case 5 -> t = TensorProtoReader.read(reader.message("TensorProto"));
                case 7 -> floats.writeBytes(TensorProtoReader.copy(reader.fixedWidthValues()));
                case 8 -> ints.add(reader.varints());
                case 20 -> type = reader.int32();
                default -> reader.skip();
            }
        }
        ByteBuffer floatBytes = ByteBuffer.wrap(floats.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        if (floatBytes.remaining() % 4 != 0) {
            throw new ProtoFormatException("AttributeProto " + name + ": floats are " + floatBytes.remaining()
                    + " bytes, not a multiple of 4");
        }
        float[] floatValues = new float[floatBytes.remaining() / 4];
        floatBytes.asFloatBuffer().get(floatValues);
        long[] intValues = ints.stream().flatMapToLong(Arrays::stream).toArray();
        return new OnnxAttribute(name, type, f, i, s, t, floatValues, intValues);
    }
}

package dev.attend.model.testing;

import dev.attend.model.onnx.OnnxModel;
import dev.attend.model.onnx.OnnxNode;
import dev.attend.model.onnx.ProtoReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies an ONNX model and declares some of its intermediate values as graph outputs, so ONNX Runtime returns
 * them: each becomes a ValueInfoProto{name} appended to GraphProto.output (field 12). Only the graph's
 * length prefix inside the ModelProto changes; every other byte is copied as it is.
 */
public final class OnnxWithOutputs {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    private static final Pattern ATTENTION_SOFTMAX = Pattern.compile(".*/encoder/layer\\.(\\d+)/attention/self/.*");

    private OnnxWithOutputs() {}

    public static void write(Path in, List<String> extraOutputs, Path out) {
        try (FileChannel channel = FileChannel.open(in, StandardOpenOption.READ);
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            ByteBuffer model = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            ProtoReader reader = new ProtoReader(model, "ModelProto");
            ProtoWriter writer = new ProtoWriter(file);
            while (reader.next()) {
                if (reader.field() == MODEL_GRAPH) {
                    byte[] outputs = ProtoWriter.encode(graph -> extraOutputs.forEach(
                            name -> graph.message(GRAPH_OUTPUT, valueInfo -> valueInfo.string(VALUE_INFO_NAME, name))));
                    writer.bytes(MODEL_GRAPH, reader.bytes(), ByteBuffer.wrap(outputs));
                } else {
                    writer.copy(reader);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + in + " to " + out, e);
        }
    }

    /** The attention probabilities [batch, heads, n, n] of each layer, in layer order: the Softmax outputs. */
    public static List<String> attentionProbabilityNames(OnnxModel model) {
        return model.graph().nodes().stream()
                .filter(node -> node.opType().equals("Softmax") && ATTENTION_SOFTMAX.matcher(node.name()).matches())
                .sorted(Comparator.comparingInt(OnnxWithOutputs::layerOf))
                .map(node -> node.outputs().get(0))
                .toList();
    }

    private static int layerOf(OnnxNode node) {
        Matcher matcher = ATTENTION_SOFTMAX.matcher(node.name());
        matcher.matches();
        return Integer.parseInt(matcher.group(1));
    }
}

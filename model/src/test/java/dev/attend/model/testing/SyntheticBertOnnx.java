package dev.attend.model.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A one-layer BERT-shaped ONNX graph in the opset-17 export style (fused LayerNormalization nodes, a constant
 * Reshape target [0, 0, heads, head size]) with only the nodes an importer looks at, so it is not runnable.
 * Each weight is filled with one value that says its role (see the constants), so tests can tell which
 * tensor went where. Module paths may get a prefix such as "/bert", and named nodes may be left out.
 */
public final class SyntheticBertOnnx {

    public static final int VOCAB = 5;
    public static final int HIDDEN = 4;
    public static final int HEADS = 2;
    public static final int INTERMEDIATE = 8;
    public static final int MAX_POSITIONS = 6;
    public static final int TYPES = 2;
    public static final float EPS = 1e-5f;

    /** Fill values: word 1, position 2, token type 3, embedding norm 4/5, then per linear W and b, per norm gamma and beta. */
    public static final float QUERY_W = 6, QUERY_B = 7, KEY_W = 8, KEY_B = 9, VALUE_W = 10, VALUE_B = 11,
            ATTENTION_OUT_W = 12, ATTENTION_OUT_B = 13, ATTENTION_NORM_GAMMA = 14, ATTENTION_NORM_BETA = 15,
            INTERMEDIATE_W = 16, INTERMEDIATE_B = 17, OUTPUT_W = 18, OUTPUT_B = 19, OUTPUT_NORM_GAMMA = 20,
            OUTPUT_NORM_BETA = 21;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTRIBUTE_FLOAT = 1;

    private final String prefix;
    private final Set<String> omitted;
    private final List<Consumer<ProtoWriter>> nodes = new ArrayList<>();
    private final List<Consumer<ProtoWriter>> initializers = new ArrayList<>();

    private SyntheticBertOnnx(String prefix, Set<String> omitted) {
        this.prefix = prefix;
        this.omitted = omitted;
    }

    /** The ModelProto bytes; {@code omittedNodes} are full node names such as "/encoder/layer.0/attention/self/key/Add". */
    public static byte[] model(String prefix, Set<String> omittedNodes) {
        SyntheticBertOnnx graph = new SyntheticBertOnnx(prefix, omittedNodes);
        graph.embeddings();
        graph.layer0();
        return ProtoWriter.encode(model -> model
                .varint(1, 8)
                .message(8, opset -> opset.string(1, "").varint(2, 17))
                .message(7, g -> {
                    graph.nodes.forEach(node -> g.message(1, node));
                    g.string(2, "synthetic-bert");
                    graph.initializers.forEach(tensor -> g.message(5, tensor));
                    for (String input : List.of("input_ids", "attention_mask", "token_type_ids")) {
                        g.message(11, valueInfo -> valueInfo.string(1, input));
                    }
                    g.message(12, valueInfo -> valueInfo.string(1, "last_hidden_state"));
                }));
    }

    private void embeddings() {
        String scope = prefix + "/embeddings";
        node(scope + "/word_embeddings/Gather", "Gather", weight("word", 1, VOCAB, HIDDEN), "input_ids");
        node(scope + "/position_embeddings/Gather", "Gather", weight("position", 2, MAX_POSITIONS, HIDDEN), "position_ids");
        node(scope + "/token_type_embeddings/Gather", "Gather", weight("token_type", 3, TYPES, HIDDEN), "token_type_ids");
        layerNorm(scope + "/LayerNorm", 4, 5);
    }

    private void layer0() {
        String scope = prefix + "/encoder/layer.0";
        linear(scope + "/attention/self/query", QUERY_W, QUERY_B, HIDDEN, HIDDEN);
        linear(scope + "/attention/self/key", KEY_W, KEY_B, HIDDEN, HIDDEN);
        linear(scope + "/attention/self/value", VALUE_W, VALUE_B, HIDDEN, HIDDEN);
        String shape = scope + "/attention/self/Constant_output_0";
        initializers.add(tensor -> tensor.varint(1, 4).varint(2, INT64).string(8, shape)
                .bytes(9, longs(0, 0, HEADS, HIDDEN / HEADS)));
        node(scope + "/attention/self/Reshape", "Reshape", scope + "/attention/self/query/Add_output_0", shape);
        linear(scope + "/attention/output/dense", ATTENTION_OUT_W, ATTENTION_OUT_B, HIDDEN, HIDDEN);
        layerNorm(scope + "/attention/output/LayerNorm", ATTENTION_NORM_GAMMA, ATTENTION_NORM_BETA);
        linear(scope + "/intermediate/dense", INTERMEDIATE_W, INTERMEDIATE_B, HIDDEN, INTERMEDIATE);
        linear(scope + "/output/dense", OUTPUT_W, OUTPUT_B, INTERMEDIATE, HIDDEN);
        layerNorm(scope + "/output/LayerNorm", OUTPUT_NORM_GAMMA, OUTPUT_NORM_BETA);
    }

    private void linear(String scope, float weightFill, float biasFill, int in, int out) {
        node(scope + "/MatMul", "MatMul", "x", weight(scope + ".weight", weightFill, in, out));
        node(scope + "/Add", "Add", weight(scope + ".bias", biasFill, out), scope + "/MatMul_output_0");
    }

    private void layerNorm(String scope, float gammaFill, float betaFill) {
        String gamma = weight(scope + ".weight", gammaFill, HIDDEN);
        String beta = weight(scope + ".bias", betaFill, HIDDEN);
        node(scope + "/LayerNormalization", "LayerNormalization", List.of(
                attribute -> attribute.string(1, "epsilon").fixed32(2, Float.floatToIntBits(EPS)).varint(20, ATTRIBUTE_FLOAT)),
                "x", gamma, beta);
    }

    private void node(String name, String opType, String... inputs) {
        node(name, opType, List.of(), inputs);
    }

    private void node(String name, String opType, List<Consumer<ProtoWriter>> attributes, String... inputs) {
        if (omitted.contains(name)) {
            return;
        }
        nodes.add(node -> {
            Arrays.stream(inputs).forEach(input -> node.string(1, input));
            node.string(2, name + "_output_0").string(3, name).string(4, opType);
            attributes.forEach(attribute -> node.message(5, attribute));
        });
    }

    /** Adds a FLOAT initializer of the given dims, every element {@code fill}; returns its name. */
    private String weight(String name, float fill, int... dims) {
        float[] values = new float[Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        Arrays.fill(values, fill);
        initializers.add(tensor -> {
            Arrays.stream(dims).forEach(dim -> tensor.varint(1, dim));
            tensor.varint(2, FLOAT).string(8, name).bytes(9, TinyOnnx.floats(values));
        });
        return name;
    }

    private static byte[] longs(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return bytes.array();
    }
}

package dev.attend.model.onnx;

import dev.attend.model.ModelException;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.EmbeddingWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Hugging Face BERT-family ONNX export (as torch.onnx writes it: MiniLM, BGE, BERT) into
 * {@link BertWeights}. Such exports name only some initializers; the MatMul weights are anonymous
 * ({@code onnx::MatMul_787}), so every weight is found as the constant input of the node that uses it, and
 * nodes are found by their module path:
 * <pre>
 *   /embeddings/word_embeddings/Gather                  word table [vocab, hidden]
 *   /encoder/layer.N/attention/self/query/MatMul, /Add  W [hidden, hidden], b [hidden] (key, value alike)
 *   /encoder/layer.N/attention/output/dense/MatMul, /Add
 *   /encoder/layer.N/attention/output/LayerNorm/...     fused LayerNormalization or decomposed Mul/Add
 *   /encoder/layer.N/intermediate/dense/MatMul, /Add    W [hidden, intermediate]
 *   /encoder/layer.N/output/dense/MatMul, /Add          W [intermediate, hidden]
 * </pre>
 * The module paths may carry a prefix such as {@code /bert}. The number of heads comes from the Reshape that
 * splits a projection into [batch, tokens, heads, head size]; the epsilon from the layer norms.
 */
public final class BertOnnxImporter {

    private static final Pattern QUERY_MATMUL = Pattern.compile("(.*)/encoder/layer\\.(\\d+)/attention/self/query/MatMul");

    private final BertExportGraph graph;
    private final String prefix;
    private final int numLayers;
    private final List<Float> epsilons = new ArrayList<>();

    private BertOnnxImporter(BertExportGraph graph, String prefix, int numLayers) {
        this.graph = graph;
        this.prefix = prefix;
        this.numLayers = numLayers;
    }

    public static ImportedBert importFile(Path file) {
        return importModel(OnnxModelReader.read(file));
    }

    public static ImportedBert importModel(OnnxModel model) {
        BertExportGraph graph = new BertExportGraph(model);
        TreeSet<Integer> layerIndices = new TreeSet<>();
        TreeSet<String> prefixes = new TreeSet<>();
        for (OnnxNode node : graph.nodes()) {
            Matcher matcher = QUERY_MATMUL.matcher(node.name());
            if (matcher.matches()) {
                prefixes.add(matcher.group(1));
                layerIndices.add(Integer.parseInt(matcher.group(2)));
            }
        }
        if (layerIndices.isEmpty()) {
            throw graph.error("no /encoder/layer.N/attention/self/query/MatMul nodes: " + BertExportGraph.EXPECTED);
        }
        if (prefixes.size() > 1 || layerIndices.first() != 0 || layerIndices.last() != layerIndices.size() - 1) {
            throw graph.error("encoder layers " + layerIndices + " under " + prefixes
                    + " are not numbered 0..N-1 under one module path: " + BertExportGraph.EXPECTED);
        }
        try {
            BertWeights weights = new BertOnnxImporter(graph, prefixes.first(), layerIndices.size()).weights();
            return new ImportedBert(model.source(), weights, model.graph().inputs());
        } catch (IllegalArgumentException inconsistent) { // a record rejected sizes that do not fit together
            throw new ModelException(model.source() + ": " + inconsistent.getMessage() + "; "
                    + BertExportGraph.EXPECTED, inconsistent);
        }
    }

    private BertWeights weights() {
        OnnxTensor word = graph.weightOf(graph.node(prefix + "/embeddings/word_embeddings/Gather"));
        long[] wordDims = word.dims();
        if (wordDims.length != 2) {
            throw graph.error("word embedding " + word + " is not [vocab, hidden]");
        }
        int vocab = (int) wordDims[0];
        int hidden = (int) wordDims[1];
        EmbeddingWeights embeddings = embeddings(word, hidden);
        OnnxTensor firstIntermediate = graph.weightOf(graph.node(layerScope(0) + "/intermediate/dense/MatMul"));
        if (firstIntermediate.rank() != 2) {
            throw graph.error("intermediate weight " + firstIntermediate + " is not [hidden, intermediate]");
        }
        int intermediate = (int) firstIntermediate.dims()[1];
        List<LayerWeights> layers = new ArrayList<>();
        for (int layer = 0; layer < numLayers; layer++) {
            layers.add(layer(layer, hidden, intermediate));
        }
        float eps = epsilons.get(0);
        if (epsilons.stream().anyMatch(e -> e != eps)) {
            throw graph.error("layer norms use different epsilons " + epsilons + "; expected one for the model");
        }
        int numHeads = numHeads(hidden);
        BertConfig config = new BertConfig(vocab, hidden, numLayers, numHeads, intermediate,
                embeddings.position().length / hidden, embeddings.tokenType().length / hidden, eps);
        return new BertWeights(config, embeddings, layers);
    }

    private EmbeddingWeights embeddings(OnnxTensor word, int hidden) {
        String scope = prefix + "/embeddings";
        OnnxTensor position = graph.weightOf(graph.node(scope + "/position_embeddings/Gather"));
        OnnxTensor tokenType = graph.weightOf(graph.node(scope + "/token_type_embeddings/Gather"));
        return new EmbeddingWeights(
                graph.floats(word, "word embedding", -1, hidden),
                graph.floats(position, "position embedding", -1, hidden),
                graph.floats(tokenType, "token type embedding", -1, hidden),
                norm(scope + "/LayerNorm", hidden));
    }

    private LayerWeights layer(int layer, int hidden, int intermediate) {
        String scope = layerScope(layer);
        return new LayerWeights(
                dense(scope + "/attention/self/query", hidden, hidden),
                dense(scope + "/attention/self/key", hidden, hidden),
                dense(scope + "/attention/self/value", hidden, hidden),
                dense(scope + "/attention/output/dense", hidden, hidden),
                norm(scope + "/attention/output/LayerNorm", hidden),
                dense(scope + "/intermediate/dense", hidden, intermediate),
                dense(scope + "/output/dense", intermediate, hidden),
                norm(scope + "/output/LayerNorm", hidden));
    }

    private String layerScope(int layer) {
        return prefix + "/encoder/layer." + layer;
    }

    /** A linear module: {@code scope/MatMul} with W [in, out], then {@code scope/Add} with b [out]. */
    private DenseWeights dense(String scope, int in, int out) {
        OnnxTensor weight = graph.weightOf(graph.node(scope + "/MatMul"));
        OnnxTensor bias = graph.weightOf(graph.node(scope + "/Add"));
        return new DenseWeights(graph.floats(weight, scope + " weight", in, out),
                graph.floats(bias, scope + " bias", out), in, out);
    }

    /**
     * A layer norm, exported either as one LayerNormalization node (inputs x, scale, bias; attribute epsilon)
     * or decomposed as (x - mean) / Sqrt(var + eps) * gamma + beta: gamma is the [hidden] input of the Mul,
     * beta the [hidden] input of an Add, eps the scalar input of the other Add.
     */
    private NormWeights norm(String scope, int hidden) {
        List<OnnxNode> nodes = graph.nodesUnder(scope);
        Optional<OnnxNode> fused = nodes.stream().filter(node -> node.opType().equals("LayerNormalization")).findFirst();
        if (fused.isPresent()) {
            OnnxNode node = fused.get();
            epsilons.add(node.attribute("epsilon").map(OnnxAttribute::f).orElse(1e-5f)); // the ONNX default
            return new NormWeights(normVector(node, 1, scope + " scale", hidden), normVector(node, 2, scope + " bias", hidden));
        }
        float[] gamma = null;
        float[] beta = null;
        Float eps = null;
        for (OnnxNode node : nodes) {
            for (String input : node.inputs()) {
                Optional<OnnxTensor> constant = graph.tensor(input);
                if (constant.isEmpty() || !(node.opType().equals("Mul") || node.opType().equals("Add"))) {
                    continue;
                }
                OnnxTensor tensor = constant.get();
                if (tensor.elementCount() == 1) {
                    eps = node.opType().equals("Add") ? graph.floatScalar(tensor, scope + " epsilon") : eps;
                } else if (node.opType().equals("Mul")) {
                    gamma = graph.floats(tensor, scope + " gamma", hidden);
                } else {
                    beta = graph.floats(tensor, scope + " beta", hidden);
                }
            }
        }
        if (gamma == null || beta == null || eps == null) {
            throw graph.error("no layer norm under " + scope + ": expected a LayerNormalization node or a Mul by"
                    + " gamma, an Add of beta and an Add of epsilon; " + BertExportGraph.EXPECTED);
        }
        epsilons.add(eps);
        return new NormWeights(gamma, beta);
    }

    private float[] normVector(OnnxNode node, int inputIndex, String role, int hidden) {
        String input = inputIndex < node.inputs().size() ? node.inputs().get(inputIndex) : "";
        OnnxTensor tensor = graph.tensor(input).orElseThrow(
                () -> graph.error(node.name() + " has no constant " + role + ": " + BertExportGraph.EXPECTED));
        return graph.floats(tensor, role, hidden);
    }

    /**
     * Self-attention reshapes each projection [batch, tokens, hidden] to [batch, tokens, heads, head size];
     * the target shape is a constant or, in dynamic-shape exports, a Concat whose last two inputs are constants.
     */
    private int numHeads(int hidden) {
        String scope = layerScope(0) + "/attention/self";
        for (OnnxNode reshape : graph.nodesUnder(scope)) {
            if (!reshape.opType().equals("Reshape") || reshape.inputs().size() < 2) {
                continue;
            }
            Optional<long[]> headShape = headShape(reshape.inputs().get(1));
            if (headShape.isPresent() && headShape.get()[0] > 0 && headShape.get()[0] * headShape.get()[1] == hidden) {
                return (int) headShape.get()[0];
            }
        }
        throw graph.error("no Reshape to [batch, tokens, heads, head size] with heads * head size = " + hidden
                + " under " + scope + ", so the number of heads is unknown; " + BertExportGraph.EXPECTED);
    }

    /** {heads, head size} if {@code shapeValue} is a constant 4-element shape. */
    private Optional<long[]> headShape(String shapeValue) {
        Optional<OnnxTensor> constant = graph.tensor(shapeValue)
                .filter(t -> t.hasData() && t.elementCount() == 4)
                .filter(t -> t.dataType() == OnnxDataType.INT64 || t.dataType() == OnnxDataType.INT32);
        if (constant.isPresent()) {
            long[] shape = constant.get().longs();
            return Optional.of(new long[] {shape[2], shape[3]});
        }
        return graph.producerOf(shapeValue)
                .filter(node -> node.opType().equals("Concat") && node.inputs().size() == 4)
                .flatMap(concat -> graph.longScalar(concat.inputs().get(2)).flatMap(heads ->
                        graph.longScalar(concat.inputs().get(3)).map(size -> new long[] {heads, size})));
    }
}

package dev.attend.model.onnx;

import dev.attend.model.ModelException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The graph of a Hugging Face BERT-family ONNX export, looked up the way such exports name things: nodes by
 * their module path ({@code /encoder/layer.0/attention/self/query/MatMul}), weights as the constant inputs
 * of those nodes. Every failed lookup is a {@link ModelException} that names the file and what was expected.
 */
final class BertExportGraph {

    static final String EXPECTED = "expected a Hugging Face BERT-family ONNX export";

    private final OnnxModel model;

    BertExportGraph(OnnxModel model) {
        this.model = model;
    }

    List<OnnxNode> nodes() {
        return model.graph().nodes();
    }

    OnnxNode node(String name) {
        return model.graph().node(name).orElseThrow(() -> error("no node " + name + ": " + EXPECTED));
    }

    /** Nodes directly or indirectly under a module path, e.g. every node of {@code /embeddings/LayerNorm}. */
    List<OnnxNode> nodesUnder(String scope) {
        return nodes().stream().filter(node -> node.name().startsWith(scope + "/")).toList();
    }

    Optional<OnnxTensor> tensor(String valueName) {
        return model.graph().tensor(valueName);
    }

    Optional<OnnxNode> producerOf(String valueName) {
        return nodes().stream().filter(node -> node.outputs().contains(valueName)).findFirst();
    }

    /** The one input of {@code node} that is an initializer or a Constant output: its weight. */
    OnnxTensor weightOf(OnnxNode node) {
        List<OnnxTensor> weights = node.inputs().stream().map(this::tensor).flatMap(Optional::stream).toList();
        if (weights.size() != 1) {
            throw error("node " + node.name() + " has " + weights.size() + " constant inputs, expected one weight");
        }
        return weights.get(0);
    }

    /**
     * The elements of a FLOAT tensor whose dims must equal {@code expectedDims}; a negative expected dim
     * accepts any size (read it from the tensor first).
     */
    float[] floats(OnnxTensor tensor, String role, long... expectedDims) {
        boolean dimsMatch = tensor.rank() == expectedDims.length;
        for (int d = 0; dimsMatch && d < expectedDims.length; d++) {
            dimsMatch = expectedDims[d] < 0 || expectedDims[d] == tensor.dims()[d];
        }
        if (!dimsMatch) {
            throw error(role + " tensor " + tensor.name() + " has dims " + Arrays.toString(tensor.dims())
                    + ", expected " + Arrays.toString(expectedDims).replace("-1", "any"));
        }
        if (tensor.dataType() != OnnxDataType.FLOAT || !tensor.hasData()) {
            throw error(role + " tensor " + tensor.name() + " is " + tensor.dataType()
                    + (tensor.hasData() ? "" : " without data in the file") + ", expected FLOAT weights");
        }
        return tensor.floats();
    }

    /** A one-element FLOAT tensor, e.g. a layer-norm epsilon. */
    float floatScalar(OnnxTensor tensor, String role) {
        return floats(tensor, role, tensor.rank() == 0 ? new long[0] : new long[] {1})[0];
    }

    /** The value of a one-element INT64/INT32 constant, if {@code valueName} is one. */
    Optional<Long> longScalar(String valueName) {
        return tensor(valueName)
                .filter(t -> t.hasData() && t.elementCount() == 1)
                .filter(t -> t.dataType() == OnnxDataType.INT64 || t.dataType() == OnnxDataType.INT32)
                .map(t -> t.longs()[0]);
    }

    ModelException error(String problem) {
        return new ModelException(model.source() + ": " + problem);
    }
}

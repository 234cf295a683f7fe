package dev.attend.model.onnx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GraphProto. {@code inputs} are the values fed at run time (graph inputs that are not initializers);
 * {@code constants} are the tensors of Constant nodes (attribute {@code value}), keyed by their output name.
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers,
                        Map<String, OnnxTensor> constants, List<String> inputs, List<String> outputs,
                        List<String> valueInfos) {

    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = Map.copyOf(initializers);
        constants = Map.copyOf(constants);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        valueInfos = List.copyOf(valueInfos);
    }

    /** An initializer or Constant-node output of that name. */
    public Optional<OnnxTensor> tensor(String valueName) {
        OnnxTensor initializer = initializers.get(valueName);
        return initializer != null ? Optional.of(initializer) : Optional.ofNullable(constants.get(valueName));
    }

    public Optional<OnnxNode> node(String nodeName) {
        return nodes.stream().filter(node -> node.name().equals(nodeName)).findFirst();
    }
}

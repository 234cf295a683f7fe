package dev.attend.model.onnx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A NodeProto: one operator application; inputs and outputs are value names, "" for an omitted input. */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
                       Map<String, OnnxAttribute> attributes) {

    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    public Optional<OnnxAttribute> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }
}

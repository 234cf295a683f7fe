package dev.attend.model.onnx;

import java.nio.file.Path;
import java.util.Map;

/** A ModelProto read from {@code source}; {@code opsets} maps operator-set domain ("" for ONNX) to version. */
public record OnnxModel(Path source, long irVersion, String producerName, Map<String, Long> opsets,
                        OnnxGraph graph) {

    public OnnxModel {
        opsets = Map.copyOf(opsets);
    }
}

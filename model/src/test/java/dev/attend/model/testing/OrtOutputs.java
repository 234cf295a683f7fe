package dev.attend.model.testing;

import java.util.Map;

/**
 * What ONNX Runtime computed for one batch: last_hidden_state [batch][n][hidden], the attention probabilities
 * [batch][layer][head][query][key], and any extra intermediate values that were asked for, by name.
 */
public record OrtOutputs(float[][][] lastHiddenState, float[][][][][] attentions, Map<String, FloatTensor> extras) {

    public FloatTensor extra(String name) {
        FloatTensor tensor = extras.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no extra output " + name + "; have " + extras.keySet());
        }
        return tensor;
    }
}

package dev.attend.model.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.attend.model.onnx.OnnxModelReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime as the reference implementation: runs a BERT-family export and returns its last_hidden_state,
 * the attention probabilities of every layer and any other intermediate values asked for. One instance per
 * (model, extra outputs) is created per test JVM and kept for the JVM's lifetime, since sessions take a
 * second or more to create.
 */
public final class OrtReference {

    private static final String LAST_HIDDEN_STATE = "last_hidden_state";
    private static final Map<List<Object>, OrtReference> SHARED = new HashMap<>();

    private final OrtSession session;
    private final List<String> attentionNames;
    private final List<String> extraNames;

    private OrtReference(OrtSession session, List<String> attentionNames, List<String> extraNames) {
        this.session = session;
        this.attentionNames = attentionNames;
        this.extraNames = extraNames;
    }

    public static OrtReference of(Path model) {
        return of(model, List.of());
    }

    /** A reference that also returns {@code extraOutputs}, intermediate values named as in the graph. */
    public static synchronized OrtReference of(Path model, List<String> extraOutputs) {
        return SHARED.computeIfAbsent(List.of(model, List.copyOf(extraOutputs)), key -> open(model, extraOutputs));
    }

    private static OrtReference open(Path model, List<String> extraOutputs) {
        List<String> attentionNames = OnnxWithOutputs.attentionProbabilityNames(OnnxModelReader.read(model));
        List<String> requested = new ArrayList<>(attentionNames);
        requested.addAll(extraOutputs);
        try {
            Path withOutputs = Files.createTempFile("attend-ort-", ".onnx");
            withOutputs.toFile().deleteOnExit();
            OnnxWithOutputs.write(model, requested, withOutputs);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                // All graph optimisations: ORT keeps every node whose output is a graph output, so the
                // Softmax outputs requested above survive the attention/LayerNorm/GELU fusions
                // (OrtReferenceTest checks them against an unoptimised session).
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtSession session = OrtEnvironment.getEnvironment().createSession(withOutputs.toString(), options);
                return new OrtReference(session, attentionNames, List.copyOf(extraOutputs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + model, e);
        }
    }

    /** The graph inputs, e.g. input_ids, attention_mask, token_type_ids. */
    public List<String> inputNames() {
        return List.copyOf(session.getInputNames());
    }

    public int numLayers() {
        return attentionNames.size();
    }

    /**
     * Runs a batch; each argument is [batch][n]. Only the inputs the graph declares are fed, so a
     * {@code tokenTypeIds} for a model without token types is ignored.
     */
    public OrtOutputs run(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, long[][]> available = Map.of(
                "input_ids", inputIds, "attention_mask", attentionMask, "token_type_ids", tokenTypeIds);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : session.getInputNames()) {
                long[][] values = available.get(name);
                if (values == null) {
                    throw new IllegalArgumentException("the model needs input " + name + "; only " + available.keySet() + " are known");
                }
                inputs.put(name, OnnxTensor.createTensor(env, values));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return outputs(result, inputIds.length);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private OrtOutputs outputs(OrtSession.Result result, int batch) throws OrtException {
        float[][][] lastHidden = (float[][][]) value(result, LAST_HIDDEN_STATE).getValue();
        float[][][][][] attentions = new float[batch][attentionNames.size()][][][];
        for (int layer = 0; layer < attentionNames.size(); layer++) {
            float[][][][] probabilities = (float[][][][]) value(result, attentionNames.get(layer)).getValue(); // [batch, heads, n, n]
            for (int b = 0; b < batch; b++) {
                attentions[b][layer] = probabilities[b];
            }
        }
        Map<String, FloatTensor> extras = new LinkedHashMap<>();
        for (String name : extraNames) {
            OnnxTensor tensor = (OnnxTensor) value(result, name);
            FloatBuffer buffer = tensor.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            extras.put(name, new FloatTensor(((TensorInfo) tensor.getInfo()).getShape(), values));
        }
        return new OrtOutputs(lastHidden, attentions, extras);
    }

    private static OnnxValue value(OrtSession.Result result, String name) {
        return result.get(name).orElseThrow(() -> new IllegalStateException("ONNX Runtime returned no " + name));
    }
}

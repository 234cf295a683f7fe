package dev.attend.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.attend.model.tokenize.TokenizedText;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * ONNX Runtime running the unmodified ONNX file on one tokenized text, configured as fairly as attend runs:
 * all graph optimisations (attention, LayerNorm and GELU fusions), {@code threads} intra-op threads (the caller
 * counts as one, as in attend's pool), one inter-op thread, sequential execution.
 */
public final class OrtForward implements AutoCloseable {
    private static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs;

    private OrtForward(OrtSession session, Map<String, OnnxTensor> inputs) {
        this.session = session;
        this.inputs = inputs;
    }

    static OrtForward open(Path onnx, TokenizedText text, int threads) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = session(onnx, threads);
        // Built once: attend's timed call takes the token arrays as they are, so ORT's does too.
        Map<String, long[]> available = Map.of(
                "input_ids", Arrays.stream(text.ids()).asLongStream().toArray(),
                "attention_mask", filled(text.size(), 1),
                "token_type_ids", Arrays.stream(text.typeIds()).asLongStream().toArray());
        Map<String, OnnxTensor> inputs = new HashMap<>();
        for (String name : session.getInputNames()) {
            long[] values = available.get(name);
            if (values == null) {
                throw new IllegalStateException(onnx + " needs input " + name + "; only " + available.keySet() + " are fed");
            }
            inputs.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(values), new long[] {1, text.size()}));
        }
        return new OrtForward(session, inputs);
    }

    /**
     * One forward pass, last_hidden_state [n, hidden] copied out of native memory: attend's result is a Java
     * array too, so both sides hand the caller values it can use.
     */
    FloatBuffer lastHiddenState() throws OrtException {
        try (OrtSession.Result result = session.run(inputs, Set.of(LAST_HIDDEN_STATE))) {
            return ((OnnxTensor) result.get(0)).getFloatBuffer();
        }
    }

    /**
     * A session as fair as attend's run: all graph optimisations (attention, LayerNorm and GELU fusions),
     * {@code threads} intra-op threads (the caller counts as one, as in attend's pool), one inter-op thread,
     * sequential execution.
     */
    public static OrtSession session(Path onnx, int threads) throws OrtException {
        try (SessionOptions options = new SessionOptions()) {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            return OrtEnvironment.getEnvironment().createSession(onnx.toString(), options);
        }
    }

    private static long[] filled(int n, long value) {
        long[] values = new long[n];
        Arrays.fill(values, value);
        return values;
    }

    @Override
    public void close() throws OrtException {
        for (OnnxTensor tensor : inputs.values()) {
            tensor.close();
        }
        session.close();
    }
}

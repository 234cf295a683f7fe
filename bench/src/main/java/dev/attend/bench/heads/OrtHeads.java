package dev.attend.bench.heads;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.attend.bench.OrtForward;
import dev.attend.analysis.CorpusLines;
import dev.attend.analysis.CorpusReport;
import dev.attend.analysis.HeadStatistics;
import dev.attend.model.AttentionTrace;
import dev.attend.model.InputException;
import dev.attend.model.onnx.OnnxModelReader;
import dev.attend.model.testing.OnnxWithOutputs;
import dev.attend.model.tokenize.TokenizedText;
import dev.attend.model.tokenize.Tokenizer;
import dev.attend.model.tokenize.Truncated;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of {@code ./attend heads} computed by ONNX Runtime: the same corpus reading, tokenizer, batch size
 * (batches of similar lengths, padded to the longest, masked by {@code attention_mask}) and {@link HeadStatistics}, with the attention
 * probabilities taken from the model's Softmax outputs, which a copy of the ONNX file declares as graph outputs
 * ({@link #exposeSoftmax}). ORT runs with all graph optimisations and {@code threads} intra-op threads.
 *
 * <p>As a program: {@code OrtHeads ONNX_WITH_OUTPUTS TOKENIZER_JSON CORPUS [THREADS]} prints one line per head
 * (layer, head, entropy, cls, sep, self, prev, next), the numbers {@code attend heads} prints.
 */
public final class OrtHeads implements AutoCloseable {
    private static final int BATCH = 8; // as attend heads' default --batch
    private static final int SORT_WINDOW = 8 * BATCH; // lines read before they are sorted by length and batched
    private static final int MAX_TOKENS = 512;
    private static final String MODEL_NAME = "all-MiniLM-L6-v2";

    private final OrtSession session;
    private final Tokenizer tokenizer;
    private final List<String> softmaxNames;
    private final int heads;

    private OrtHeads(OrtSession session, Tokenizer tokenizer, List<String> softmaxNames, int heads) {
        this.session = session;
        this.tokenizer = tokenizer;
        this.softmaxNames = softmaxNames;
        this.heads = heads;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: OrtHeads ONNX_WITH_SOFTMAX_OUTPUTS TOKENIZER_JSON CORPUS [THREADS]");
            System.exit(2);
        }
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        try (OrtHeads ort = open(Path.of(args[0]), Path.of(args[1]), threads)) {
            CorpusReport report = ort.run(Path.of(args[2]));
            System.out.printf("%s: %d lines, %d tokens%n", MODEL_NAME, report.texts(), report.tokens());
            report.heads().forEach(h -> System.out.printf("%d %d %.4f %.4f %.4f %.4f %.4f %.4f%n", h.layer(), h.head(),
                    h.entropy(), h.cls(), h.sep(), h.self(), h.prev(), h.next()));
        }
    }

    /** Writes a copy of {@code onnx} whose attention Softmax outputs are graph outputs (a second's work, once). */
    static void exposeSoftmax(Path onnx, Path copy) {
        OnnxWithOutputs.write(onnx, OnnxWithOutputs.attentionProbabilityNames(OnnxModelReader.read(onnx)), copy);
    }

    /** Opens a session on a copy made by {@link #exposeSoftmax}. */
    static OrtHeads open(Path onnxWithSoftmax, Path tokenizerJson, int threads) throws OrtException {
        OrtSession session = OrtForward.session(onnxWithSoftmax, threads);
        List<String> softmax = session.getOutputNames().stream().filter(name -> name.contains("Softmax")).sorted(
                java.util.Comparator.comparingInt(OrtHeads::layerOf)).toList();
        long[] shape = ((ai.onnxruntime.TensorInfo) session.getOutputInfo().get(softmax.get(0)).getInfo()).getShape();
        return new OrtHeads(session, Tokenizer.load(tokenizerJson, MODEL_NAME, MAX_TOKENS), softmax, (int) shape[1]);
    }

    /** ".../layer.3/attention/self/Softmax_output_0" → 3. */
    private static int layerOf(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("layer\\.(\\d+)/").matcher(name);
        if (!m.find()) {
            throw new IllegalStateException("cannot tell the layer of Softmax output " + name);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The corpus's head statistics, {@value #BATCH} lines per forward pass, batched by length within windows of
     * {@value #SORT_WINDOW} lines; lines are read as attend heads reads them.
     */
    CorpusReport run(Path corpus) throws OrtException {
        HeadStatistics stats = new HeadStatistics(softmaxNames.size(), heads);
        long empty = 0, truncated = 0;
        List<TokenizedText> pending = new ArrayList<>(BATCH);
        try (CorpusLines lines = new CorpusLines(corpus)) {
            for (String line; (line = lines.next()) != null; ) {
                Truncated encoded;
                try {
                    encoded = tokenizer.encodeTruncating(line);
                } catch (InputException noWords) {
                    empty++;
                    continue;
                }
                truncated += encoded.wasCut() ? 1 : 0;
                pending.add(encoded.text());
                if (pending.size() == SORT_WINDOW) {
                    forwardSorted(pending, stats);
                    pending.clear();
                }
            }
            forwardSorted(pending, stats);
            return new CorpusReport("minilm", MODEL_NAME, lines.lineNumber(), stats.texts(), empty, truncated,
                    stats.tokens(), stats.texts() == 0 ? List.of() : stats.summaries());
        }
    }

    /**
     * ORT takes rectangular [batch, n] inputs, so a batch costs its longest text: the window's texts sorted by length
     * go in batches of similar lengths, which keeps the padding small (attend packs texts without any).
     */
    private void forwardSorted(List<TokenizedText> window, HeadStatistics stats) throws OrtException {
        List<TokenizedText> sorted = new ArrayList<>(window);
        sorted.sort(Comparator.comparingInt(TokenizedText::size));
        for (int from = 0; from < sorted.size(); from += BATCH) {
            forward(sorted.subList(from, Math.min(sorted.size(), from + BATCH))).forEach(stats::add);
        }
    }

    /** One padded batch through ORT; each text's attention cropped to its own length, [heads, len, len] per layer. */
    private List<AttentionTrace> forward(List<TokenizedText> texts) throws OrtException {
        if (texts.isEmpty()) {
            return List.of();
        }
        int batch = texts.size();
        int n = texts.stream().mapToInt(TokenizedText::size).max().orElseThrow();
        long[] ids = new long[batch * n], mask = new long[batch * n], types = new long[batch * n]; // [batch, n]
        for (int b = 0; b < batch; b++) {
            TokenizedText t = texts.get(b);
            for (int i = 0; i < t.size(); i++) {
                ids[b * n + i] = t.ids()[i];
                mask[b * n + i] = 1;
                types[b * n + i] = t.typeIds()[i];
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {batch, n};
        Map<String, long[]> available = Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : session.getInputNames()) {
                inputs.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(available.get(name)), shape));
            }
            float[][][] attention = new float[batch][softmaxNames.size()][]; // [batch][layer] -> [heads, len, len]
            try (OrtSession.Result result = session.run(inputs)) { // every output, last_hidden_state included
                for (int layer = 0; layer < softmaxNames.size(); layer++) {
                    FloatBuffer probabilities = ((OnnxTensor) result.get(softmaxNames.get(layer)).orElseThrow())
                            .getFloatBuffer(); // [batch, heads, n, n]
                    for (int b = 0; b < batch; b++) {
                        attention[b][layer] = crop(probabilities, b, n, texts.get(b).size());
                    }
                }
            }
            List<AttentionTrace> traces = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                TokenizedText t = texts.get(b);
                traces.add(new AttentionTrace(MODEL_NAME, t, t.tokens(), t.tokens(), false, softmaxNames.size(), heads,
                        0, attention[b], null, null, null));
            }
            return traces;
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Item b's [heads, len, len] corner of [batch, heads, n, n]. */
    private float[] crop(FloatBuffer all, int b, int n, int len) {
        float[] out = new float[heads * len * len];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < len; i++) {
                all.get(((b * heads + h) * n + i) * n, out, (h * len + i) * len, len);
            }
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}

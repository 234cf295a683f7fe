package dev.attend.model.hf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.Models;
import dev.attend.model.bert.BertEncoder;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.onnx.BertOnnxImporter;
import dev.attend.model.registry.Pooling;
import dev.attend.model.safetensors.SafetensorsDtype;
import dev.attend.model.safetensors.SafetensorsWriter;
import dev.attend.model.testing.BuiltInOnnx;
import dev.attend.model.testing.OrtOutputs;
import dev.attend.model.testing.OrtReference;
import dev.attend.model.tokenize.TokenizedText;
import dev.attend.model.tokenize.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * all-MiniLM-L6-v2 written as a Hugging Face folder (config.json, model.safetensors with bert.-prefixed keys and
 * [out, in] Linear weights, tokenizer.json) from the weights of its ONNX file, then loaded with Models.load.
 * <ul>
 *   <li>F32: the loaded weights are the ONNX weights bit for bit, and the forward matches ONNX Runtime on the
 *       original ONNX file within 1e-4 (last_hidden_state and every attention probability).</li>
 *   <li>F16 and BF16: the loaded weights are exactly the ONNX weights rounded to nearest even, and the forward
 *       stays as close to the F32 forward as that rounding allows. The allowance is measured, not guessed:
 *       rounding moves each weight by at most half a unit in the last place of the format, so the same model
 *       with every weight moved by random noise uniform in ±half an ulp is run too, and the rounded model must
 *       be within twice that model's distance from F32.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HfMiniLmParityTest {

    private static final double ORT_TOLERANCE = 1e-4;
    private static final List<String> TEXTS = List.of(
            "The cat sat on the mat because it was tired",
            "a",
            "Café au lait, naïve résumé, São Paulo, Zürich.",
            "猫が座った。我爱自然语言处理。",
            "Visit https://example.com/path?q=1 or e-mail me@example.org today, 3.14159 and -42.",
            ("Attention lets a model look at every word in a sequence at once and decide which words are most "
                    + "relevant to each other. ").repeat(12));
    private static final List<List<String>> PAIRS = List.of(
            List.of("Where is the cat?", "The cat is on the mat."),
            List.of("Is attention understanding?", "No: it learns statistical correlations between positions."));

    @TempDir
    Path dir;

    private BertWeights onnx;
    private Tokenizer tokenizer;
    private List<TokenizedText> inputs;
    private final List<String> report = new ArrayList<>();

    @BeforeAll
    void importOnnxAndTokenize() {
        onnx = BertOnnxImporter.importFile(BuiltInOnnx.minilm()).weights();
        tokenizer = Tokenizer.load(BuiltInOnnx.tokenizer("minilm"), onnx.config().maxPositions());
        inputs = new ArrayList<>();
        TEXTS.forEach(text -> inputs.add(tokenizer.encode(text)));
        PAIRS.forEach(pair -> inputs.add(tokenizer.encodePair(pair.get(0), pair.get(1))));
        assertThat(inputs).extracting(TokenizedText::size).anyMatch(n -> n > 250);
    }

    @Test
    void f32FolderHoldsTheOnnxWeightsBitForBitAndMatchesOnnxRuntimeOnTheOriginalFile() {
        Path folder = HfCheckpoint.of(onnx, HfLayout.standard().withPrefix("bert."))
                .write(dir.resolve("all-MiniLM-L6-v2-hf"), SafetensorsDtype.F32);

        assertSameArrays(HfFolder.open(folder).readWeights(), onnx);
        OrtReference ort = OrtReference.of(BuiltInOnnx.minilm());
        double worstHidden = 0;
        double worstAttention = 0;
        try (AttentionModel model = Models.load(folder.toString())) {
            assertThat(model.name()).isEqualTo("all-MiniLM-L6-v2-hf");
            assertThat(model.pooling()).isEqualTo(Pooling.MEAN);
            for (TokenizedText text : inputs) {
                AttentionTrace trace = model.trace(text, Capture.attention());
                OrtOutputs expected = ort.run(row(text.ids()), row(ones(text.size())), row(text.typeIds()));
                worstHidden = Math.max(worstHidden, maxDiff(trace.lastHiddenState(), flat(expected.lastHiddenState()[0])));
                worstAttention = Math.max(worstAttention, maxDiff(attention(trace), flat(expected.attentions()[0])));
            }
        }
        report.add(String.format("F32 folder vs ONNX Runtime on the ONNX file: max |Δ| last_hidden_state %.2e, attention %.2e",
                worstHidden, worstAttention));
        assertThat(worstHidden).isLessThanOrEqualTo(ORT_TOLERANCE);
        assertThat(worstAttention).isLessThanOrEqualTo(ORT_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(value = SafetensorsDtype.class, names = {"F16", "BF16"})
    void halfPrecisionFolderHoldsTheRoundedWeightsAndStaysWithinTheirRoundingOfF32(SafetensorsDtype dtype) {
        Path folder = HfCheckpoint.of(onnx, HfLayout.standard()).write(dir.resolve("minilm-" + dtype), dtype);
        BertWeights rounded = WeightArrays.map(onnx, values -> round(values, dtype));

        assertSameArrays(HfFolder.open(folder).readWeights(), rounded);
        List<AttentionTrace> f32 = run(onnx);
        List<AttentionTrace> loaded;
        try (AttentionModel model = Models.load(folder.toString())) {
            loaded = inputs.stream().map(text -> model.trace(text, Capture.attention())).toList();
        }
        List<AttentionTrace> noisy = run(WeightArrays.map(onnx, values -> halfUlpNoise(values, dtype, new Random(7))));
        double[] rounding = maxDiffs(loaded, f32);
        double[] noise = maxDiffs(noisy, f32);
        report.add(String.format("%s folder vs F32: max |Δ| last_hidden_state %.2e, attention %.2e"
                + " (±½-ulp noise model: %.2e, %.2e)", dtype, rounding[0], rounding[1], noise[0], noise[1]));
        assertThat(rounding[0]).as("last_hidden_state").isLessThanOrEqualTo(2 * noise[0]);
        assertThat(rounding[1]).as("attention").isLessThanOrEqualTo(2 * noise[1]);
    }

    @AfterAll
    void printReport() {
        tokenizer.close();
        report.forEach(line -> System.out.println("[hf parity] " + line));
    }

    private List<AttentionTrace> run(BertWeights weights) {
        AttentionModel model = new AttentionModel("test", "test", "test weights", tokenizer, new BertEncoder(weights), Pooling.MEAN);
        return inputs.stream().map(text -> model.trace(text, Capture.attention())).toList();
    }

    private static void assertSameArrays(BertWeights actual, BertWeights expected) {
        assertThat(actual.config()).isEqualTo(expected.config());
        Map<String, float[]> expectedArrays = WeightArrays.of(expected);
        WeightArrays.of(actual).forEach((name, values) ->
                assertThat(Arrays.equals(values, expectedArrays.get(name))).as(name).isTrue());
    }

    private static float[] round(float[] values, SafetensorsDtype dtype) {
        float[] rounded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = SafetensorsWriter.rounded(dtype, values[i]);
        }
        return rounded;
    }

    /** Each value moved by uniform noise in ±half an ulp of {@code dtype} (which has 10 or 7 fraction bits; float32 23). */
    private static float[] halfUlpNoise(float[] values, SafetensorsDtype dtype, Random random) {
        int droppedBits = 23 - (dtype == SafetensorsDtype.F16 ? 10 : 7);
        float[] noisy = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            double ulp = Math.scalb((double) Math.ulp(values[i]), droppedBits);
            noisy[i] = (float) (values[i] + (random.nextDouble() - 0.5) * ulp);
        }
        return noisy;
    }

    /** {max |Δ| of last_hidden_state, max |Δ| of attention} over all inputs. */
    private static double[] maxDiffs(List<AttentionTrace> a, List<AttentionTrace> b) {
        double[] worst = new double[2];
        for (int t = 0; t < a.size(); t++) {
            worst[0] = Math.max(worst[0], maxDiff(a.get(t).lastHiddenState(), b.get(t).lastHiddenState()));
            worst[1] = Math.max(worst[1], maxDiff(attention(a.get(t)), attention(b.get(t))));
        }
        return worst;
    }

    private static float[] attention(AttentionTrace trace) {
        float[] all = new float[trace.layers() * trace.heads() * trace.queries() * trace.keys()]; // [layer, head, i, j]
        int at = 0;
        for (int l = 0; l < trace.layers(); l++) {
            for (int h = 0; h < trace.heads(); h++) {
                for (int i = 0; i < trace.queries(); i++) {
                    for (int j = 0; j < trace.keys(); j++) {
                        all[at++] = trace.weight(l, h, i, j);
                    }
                }
            }
        }
        return all;
    }

    private static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    private static float[] flat(Object nested) {
        if (nested instanceof float[] values) {
            return values;
        }
        Object[] parts = (Object[]) nested;
        List<float[]> flats = Arrays.stream(parts).map(HfMiniLmParityTest::flat).toList();
        float[] all = new float[flats.stream().mapToInt(f -> f.length).sum()];
        int at = 0;
        for (float[] part : flats) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static long[][] row(int[] values) {
        return new long[][] {Arrays.stream(values).asLongStream().toArray()};
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }
}

package dev.attend.model;

import dev.attend.model.testing.BuiltInOnnx;
import dev.attend.model.testing.OrtOutputs;
import dev.attend.model.testing.OrtReference;
import dev.attend.model.tokenize.TokenizedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attend's forward against ONNX Runtime running the same ONNX file: last_hidden_state and every attention
 * probability within 1e-4, on texts of 3..512 tokens and sentence pairs; and last_hidden_state of the forward
 * without capture, which takes core's flash attention path from 128 tokens on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrtParityTest {
    private static final double TOLERANCE = 1e-4;
    private final List<String> report = new ArrayList<>();

    @BeforeAll
    void checkTexts() {
        try (AttentionModel m = Models.load("minilm")) {
            List<Integer> sizes = ParityTexts.singles().stream().map(t -> m.tokenizer().encode(t).size()).toList();
            assertThat(sizes).contains(512).filteredOn(n -> n >= 500).hasSizeGreaterThanOrEqualTo(3);
            assertThat(sizes.size() + ParityTexts.pairs().size()).isGreaterThanOrEqualTo(20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"minilm", "bge-small"})
    void lastHiddenStateAndEveryAttentionProbabilityMatchOnnxRuntime(String key) {
        OrtReference ort = OrtReference.of(BuiltInOnnx.model(key));
        double worstHidden = 0, worstAttention = 0, worstUncaptured = 0;
        int maxTokens = 0;
        try (AttentionModel model = Models.load(key)) {
            List<TokenizedText> inputs = new ArrayList<>();
            ParityTexts.singles().forEach(t -> inputs.add(model.tokenizer().encode(t)));
            ParityTexts.pairs().forEach(p -> inputs.add(model.tokenizer().encodePair(p[0], p[1])));
            for (TokenizedText text : inputs) {
                AttentionTrace trace = model.trace(text, Capture.attention());
                OrtOutputs expected = ort.run(row(text.ids()), row(ones(text.size())), row(text.typeIds()));
                double hidden = maxDiffHidden(trace, expected.lastHiddenState()[0]);
                double attention = maxDiffAttention(trace, expected.attentions()[0]);
                double uncaptured = maxDiffHidden(model.trace(text, Capture.none()), expected.lastHiddenState()[0]);
                assertThat(hidden).as("%s last_hidden_state on %d tokens: %s", key, text.size(), text.texts())
                        .isLessThanOrEqualTo(TOLERANCE);
                assertThat(attention).as("%s attention on %d tokens: %s", key, text.size(), text.texts())
                        .isLessThanOrEqualTo(TOLERANCE);
                assertThat(uncaptured).as("%s last_hidden_state without capture on %d tokens: %s", key, text.size(),
                        text.texts()).isLessThanOrEqualTo(TOLERANCE);
                worstUncaptured = Math.max(worstUncaptured, uncaptured);
                worstHidden = Math.max(worstHidden, hidden);
                worstAttention = Math.max(worstAttention, attention);
                maxTokens = Math.max(maxTokens, text.size());
            }
            report.add(String.format("%s: %d inputs up to %d tokens, max |Δ| last_hidden_state %.2e, attention %.2e,"
                    + " last_hidden_state without capture %.2e", key, inputs.size(), maxTokens, worstHidden,
                    worstAttention, worstUncaptured));
        }
    }

    @AfterAll
    void printReport() {
        report.forEach(line -> System.out.println("[parity vs ONNX Runtime] " + line));
    }

    static long[][] row(int[] values) {
        return new long[][] {Arrays.stream(values).asLongStream().toArray()};
    }

    static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static double maxDiffHidden(AttentionTrace trace, float[][] expected) {
        double worst = 0;
        int hidden = trace.hiddenSize();
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < hidden; c++) {
                worst = Math.max(worst, Math.abs(trace.lastHiddenState()[i * hidden + c] - expected[i][c]));
            }
        }
        return worst;
    }

    private static double maxDiffAttention(AttentionTrace trace, float[][][][] expected) {
        assertThat(expected.length).isEqualTo(trace.layers());
        double worst = 0;
        for (int l = 0; l < trace.layers(); l++) {
            for (int h = 0; h < trace.heads(); h++) {
                for (int i = 0; i < trace.queries(); i++) {
                    for (int j = 0; j < trace.keys(); j++) {
                        worst = Math.max(worst, Math.abs(trace.weight(l, h, i, j) - expected[l][h][i][j]));
                    }
                }
            }
        }
        return worst;
    }
}

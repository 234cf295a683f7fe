package dev.attend.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.attend.model.onnx.OnnxGraph;
import dev.attend.model.onnx.OnnxModel;
import dev.attend.model.onnx.OnnxModelReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrtReferenceTest {

    private static final long[] SENTENCE = {101, 7592, 2088, 2003, 1037, 3231, 102}; // [CLS] hello world is a test [SEP]
    private static final long[] SHORT = {101, 7592, 102, 0, 0, 0, 0}; // [CLS] hello [SEP], padded to 7

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"minilm, 6", "bge-small, 12"})
    void attentionProbabilitiesHaveEveryLayerAndHeadAndRowsSumToOne(String model, int layers) {
        OrtReference ort = OrtReference.of(BuiltInOnnx.model(model));
        long[][] mask = {{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0, 0}};

        OrtOutputs out = ort.run(new long[][] {SENTENCE, SHORT}, mask, new long[2][7]);

        assertThat(ort.inputNames()).containsExactlyInAnyOrder("input_ids", "attention_mask", "token_type_ids");
        assertThat(ort.numLayers()).isEqualTo(layers);
        assertThat(out.lastHiddenState()).hasDimensions(2, 7);
        assertThat(out.lastHiddenState()[0][0]).hasSize(384);
        assertThat(out.attentions()).hasDimensions(2, layers);
        for (int b = 0; b < 2; b++) {
            for (float[][][] layer : out.attentions()[b]) {
                assertThat(layer).hasDimensions(12, 7);
                for (float[][] head : layer) {
                    for (float[] row : head) {
                        assertThat(sum(row)).isCloseTo(1.0, within(1e-5));
                    }
                }
            }
        }
        // masked keys of the padded sentence get no attention
        assertThat(out.attentions()[1][0][0][0][3]).isLessThan(1e-6f);
    }

    @Test
    void fullOptimisationKeepsTheRequestedSoftmaxOutputsExact() throws Exception {
        Path model = BuiltInOnnx.minilm();
        OrtOutputs optimised = OrtReference.of(model).run(new long[][] {SENTENCE}, new long[][] {ones(7)}, new long[1][7]);
        List<String> softmaxes = OnnxWithOutputs.attentionProbabilityNames(OnnxModelReader.read(model));
        Path withOutputs = dir.resolve("with-softmax.onnx");
        OnnxWithOutputs.write(model, softmaxes, withOutputs);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(withOutputs.toString(), options);
                 OnnxTensor ids = OnnxTensor.createTensor(env, new long[][] {SENTENCE});
                 OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones(7)});
                 OnnxTensor types = OnnxTensor.createTensor(env, new long[1][7]);
                 OrtSession.Result plain = session.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
                for (int layer = 0; layer < softmaxes.size(); layer++) {
                    float[][][] expected = ((float[][][][]) plain.get(softmaxes.get(layer)).orElseThrow().getValue())[0];
                    float[][][] actual = optimised.attentions()[0][layer];
                    for (int h = 0; h < 12; h++) {
                        for (int i = 0; i < 7; i++) {
                            for (int j = 0; j < 7; j++) {
                                assertThat(actual[h][i][j]).isCloseTo(expected[h][i][j], within(1e-5f));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theCopyWithOutputsDeclaresThemAndKeepsEverythingElse() {
        Path model = BuiltInOnnx.minilm();
        Path copy = dir.resolve("copy.onnx");

        OnnxWithOutputs.write(model, List.of("/embeddings/LayerNorm/Add_1_output_0", "/Mul_output_0"), copy);

        OnnxModel original = OnnxModelReader.read(model);
        OnnxGraph graph = OnnxModelReader.read(copy).graph();
        assertThat(graph.outputs()).containsExactly("last_hidden_state", "/embeddings/LayerNorm/Add_1_output_0", "/Mul_output_0");
        assertThat(graph.nodes()).hasSameSizeAs(original.graph().nodes());
        assertThat(graph.initializers()).hasSameSizeAs(original.graph().initializers());
        assertThat(graph.tensor("embeddings.LayerNorm.bias").orElseThrow().floats())
                .containsExactly(original.graph().tensor("embeddings.LayerNorm.bias").orElseThrow().floats());
        assertThat(OnnxWithOutputs.attentionProbabilityNames(original)).hasSize(6)
                .first().isEqualTo("/encoder/layer.0/attention/self/Softmax_output_0");
    }

    private static double sum(float[] row) {
        double sum = 0;
        for (float p : row) {
            sum += p;
        }
        return sum;
    }

    private static long[] ones(int n) {
        long[] ones = new long[n];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }
}

package dev.attend.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attend.model.ModelException;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;
import dev.attend.model.testing.BuiltInOnnx;
import dev.attend.model.testing.SyntheticBertOnnx;
import dev.attend.model.testing.TinyOnnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BertOnnxImporterTest {

    @TempDir
    Path dir;

    @Test
    void derivesTheMiniLmConfigAndInputs() {
        ImportedBert minilm = BertOnnxImporter.importFile(BuiltInOnnx.minilm());

        assertThat(minilm.weights().config())
                .isEqualTo(new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12f));
        assertThat(minilm.inputNames()).containsExactly("input_ids", "attention_mask", "token_type_ids");
        assertThat(minilm.hasInput("token_type_ids")).isTrue();
        assertThat(minilm.source()).isEqualTo(BuiltInOnnx.minilm());
    }

    @Test
    void derivesTheBgeSmallConfig() {
        BertConfig config = BertOnnxImporter.importFile(BuiltInOnnx.bgeSmall()).weights().config();

        assertThat(config).isEqualTo(new BertConfig(30522, 384, 12, 12, 1536, 512, 2, 1e-12f));
        assertThat(config.headDim()).isEqualTo(32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minilm", "bge-small"})
    void everyLayerHasEveryWeightInItsShape(String model) {
        BertWeights weights = BertOnnxImporter.importFile(BuiltInOnnx.model(model)).weights();
        int hidden = 384;

        assertThat(weights.embeddings().word()).hasSize(30522 * hidden);
        assertThat(weights.embeddings().position()).hasSize(512 * hidden);
        assertThat(weights.embeddings().tokenType()).hasSize(2 * hidden);
        assertNorm(weights.embeddings().norm(), hidden);
        for (LayerWeights layer : weights.layers()) {
            for (DenseWeights square : new DenseWeights[] {layer.query(), layer.key(), layer.value(), layer.attentionOutput()}) {
                assertDense(square, hidden, hidden);
            }
            assertDense(layer.intermediate(), hidden, 1536);
            assertDense(layer.output(), 1536, hidden);
            assertNorm(layer.attentionNorm(), hidden);
            assertNorm(layer.outputNorm(), hidden);
        }
    }

    @Test
    void theDefaultModelImportsWellUnderThreeSeconds() {
        BertOnnxImporter.importFile(BuiltInOnnx.minilm()); // warm up the JIT and the page cache
        long start = System.nanoTime();
        BertOnnxImporter.importFile(BuiltInOnnx.minilm());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isLessThan(3000);
    }

    @Test
    void anOnnxModelThatIsNotBertSaysWhatWasExpected() {
        Path add = TinyOnnx.write(TinyOnnx.addModel(), dir.resolve("add.onnx"));

        assertThatThrownBy(() -> BertOnnxImporter.importFile(add)).isExactlyInstanceOf(ModelException.class)
                .hasMessage(add + ": no /encoder/layer.N/attention/self/query/MatMul nodes:"
                        + " expected a Hugging Face BERT-family ONNX export");
    }

    @Test
    void aFusedLayerNormExportUnderAModulePrefixMapsEveryRole() {
        Path file = TinyOnnx.write(SyntheticBertOnnx.model("/bert", Set.of()), dir.resolve("synthetic.onnx"));

        BertWeights weights = BertOnnxImporter.importFile(file).weights();

        assertThat(weights.config()).isEqualTo(new BertConfig(SyntheticBertOnnx.VOCAB, SyntheticBertOnnx.HIDDEN, 1,
                SyntheticBertOnnx.HEADS, SyntheticBertOnnx.INTERMEDIATE, SyntheticBertOnnx.MAX_POSITIONS,
                SyntheticBertOnnx.TYPES, SyntheticBertOnnx.EPS));
        assertThat(weights.embeddings().word()).containsOnly(1f);
        assertThat(weights.embeddings().position()).containsOnly(2f);
        assertThat(weights.embeddings().tokenType()).containsOnly(3f);
        assertThat(weights.embeddings().norm().gamma()).containsOnly(4f);
        assertThat(weights.embeddings().norm().beta()).containsOnly(5f);
        LayerWeights layer = weights.layers().get(0);
        assertFilled(layer.query(), SyntheticBertOnnx.QUERY_W, SyntheticBertOnnx.QUERY_B);
        assertFilled(layer.key(), SyntheticBertOnnx.KEY_W, SyntheticBertOnnx.KEY_B);
        assertFilled(layer.value(), SyntheticBertOnnx.VALUE_W, SyntheticBertOnnx.VALUE_B);
        assertFilled(layer.attentionOutput(), SyntheticBertOnnx.ATTENTION_OUT_W, SyntheticBertOnnx.ATTENTION_OUT_B);
        assertFilled(layer.intermediate(), SyntheticBertOnnx.INTERMEDIATE_W, SyntheticBertOnnx.INTERMEDIATE_B);
        assertFilled(layer.output(), SyntheticBertOnnx.OUTPUT_W, SyntheticBertOnnx.OUTPUT_B);
        assertThat(layer.attentionNorm().gamma()).containsOnly(SyntheticBertOnnx.ATTENTION_NORM_GAMMA);
        assertThat(layer.attentionNorm().beta()).containsOnly(SyntheticBertOnnx.ATTENTION_NORM_BETA);
        assertThat(layer.outputNorm().gamma()).containsOnly(SyntheticBertOnnx.OUTPUT_NORM_GAMMA);
        assertThat(layer.outputNorm().beta()).containsOnly(SyntheticBertOnnx.OUTPUT_NORM_BETA);
    }

    @Test
    void aMissingBiasNodeIsNamed() {
        String keyAdd = "/encoder/layer.0/attention/self/key/Add";
        Path file = TinyOnnx.write(SyntheticBertOnnx.model("", Set.of(keyAdd)), dir.resolve("no-key-bias.onnx"));

        assertThatThrownBy(() -> BertOnnxImporter.importFile(file)).isExactlyInstanceOf(ModelException.class)
                .hasMessage(file + ": no node " + keyAdd + ": expected a Hugging Face BERT-family ONNX export");
    }

    @Test
    void withoutTheHeadReshapeTheNumberOfHeadsIsUnknown() {
        Set<String> omitted = Set.of("/encoder/layer.0/attention/self/Reshape");
        Path file = TinyOnnx.write(SyntheticBertOnnx.model("", omitted), dir.resolve("no-reshape.onnx"));

        assertThatThrownBy(() -> BertOnnxImporter.importFile(file)).isExactlyInstanceOf(ModelException.class)
                .hasMessageContaining(file + ": no Reshape to [batch, tokens, heads, head size]")
                .hasMessageContaining("the number of heads is unknown");
    }

    @Test
    void unreadableFilesAreModelExceptions() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.onnx"));
        Path noise = TinyOnnx.write(new byte[] {0x0a, (byte) 0xff, 0x01, 0x02}, dir.resolve("noise.onnx"));

        assertThatThrownBy(() -> BertOnnxImporter.importFile(empty)).isExactlyInstanceOf(ModelException.class)
                .hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> BertOnnxImporter.importFile(noise)).isExactlyInstanceOf(ModelException.class)
                .hasMessageContaining(noise.toString());
    }

    private static void assertDense(DenseWeights dense, int in, int out) {
        assertThat(dense.in()).isEqualTo(in);
        assertThat(dense.out()).isEqualTo(out);
        assertThat(dense.weight()).hasSize(in * out);
        assertThat(dense.bias()).hasSize(out);
    }

    private static void assertFilled(DenseWeights dense, float weight, float bias) {
        assertThat(dense.weight()).containsOnly(weight);
        assertThat(dense.bias()).containsOnly(bias);
    }

    private static void assertNorm(NormWeights norm, int hidden) {
        assertThat(norm.gamma()).hasSize(hidden);
        assertThat(norm.beta()).hasSize(hidden);
    }
}

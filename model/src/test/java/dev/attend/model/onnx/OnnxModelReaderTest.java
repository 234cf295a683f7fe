package dev.attend.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attend.model.ModelException;
import dev.attend.model.testing.BuiltInOnnx;
import dev.attend.model.testing.TinyOnnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheMiniLmGraph() {
        OnnxModel model = OnnxModelReader.read(BuiltInOnnx.minilm());

        assertThat(model.irVersion()).isEqualTo(6);
        assertThat(model.producerName()).isEqualTo("pytorch");
        assertThat(model.opsets()).containsEntry("", 11L);
        OnnxGraph graph = model.graph();
        assertThat(graph.inputs()).containsExactly("input_ids", "attention_mask", "token_type_ids");
        assertThat(graph.outputs()).containsExactly("last_hidden_state");
        assertThat(graph.initializers().get("embeddings.word_embeddings.weight").dims()).containsExactly(30522, 384);
        OnnxNode query = graph.node("/encoder/layer.0/attention/self/query/MatMul").orElseThrow();
        assertThat(query.opType()).isEqualTo("MatMul");
        assertThat(graph.tensor(query.inputs().get(1)).orElseThrow().dims()).containsExactly(384, 384);
        // the heads constant of the dynamic Reshape target [batch, n, 12, 32] is a Constant node
        assertThat(graph.tensor("/encoder/layer.0/attention/self/Constant_2_output_0").orElseThrow().longs())
                .containsExactly(12);
        OnnxNode softmax = graph.node("/encoder/layer.0/attention/self/Softmax").orElseThrow();
        assertThat(softmax.attribute("axis").orElseThrow().i()).isEqualTo(3);
    }

    @Test
    void decodesTheFloatsAndTheConstantNodeTensorsOfBgeSmall() {
        OnnxGraph graph = OnnxModelReader.read(BuiltInOnnx.bgeSmall()).graph();

        float[] gamma = graph.tensor("embeddings.LayerNorm.weight").orElseThrow().floats();
        assertThat(gamma).hasSize(384);
        for (float g : gamma) {
            assertThat(g).isFinite().isNotZero();
        }
        // bge keeps position_ids [1, 512] as a Constant node rather than an initializer
        OnnxTensor positionIds = graph.constants().values().stream()
                .filter(t -> Arrays.equals(t.dims(), new long[] {1, 512})).findFirst().orElseThrow();
        assertThat(positionIds.dataType()).isEqualTo(OnnxDataType.INT64);
        assertThat(positionIds.longs()).containsExactly(LongStream.range(0, 512).toArray());
    }

    @Test
    void readsAModelWrittenFieldByField() {
        OnnxModel model = OnnxModelReader.read(TinyOnnx.write(TinyOnnx.addModel(), dir.resolve("add.onnx")));

        assertThat(model.graph().name()).isEqualTo("tiny");
        assertThat(model.graph().nodes()).singleElement().satisfies(node -> {
            assertThat(node.opType()).isEqualTo("Add");
            assertThat(node.inputs()).containsExactly("a", "b");
        });
        assertThat(model.graph().inputs()).containsExactly("a");
        assertThat(model.graph().tensor("b").orElseThrow().floats()).containsExactly(1f, 2f);
    }

    @Test
    void anEmptyFileIsAModelException() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.onnx"));

        assertThatThrownBy(() -> OnnxModelReader.read(empty)).isExactlyInstanceOf(ModelException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("empty file; expected an ONNX model");
    }

    @Test
    void aMissingFileIsAModelException() {
        Path missing = dir.resolve("missing.onnx");

        assertThatThrownBy(() -> OnnxModelReader.read(missing)).isExactlyInstanceOf(ModelException.class)
                .hasMessageContaining(missing + ": no such file");
    }

    @Test
    void aDirectoryIsAModelException() {
        assertThatThrownBy(() -> OnnxModelReader.read(dir)).isExactlyInstanceOf(ModelException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void theFirstThousandBytesOfARealModelAreAModelException() throws IOException {
        Path truncated = dir.resolve("truncated.onnx");
        try (var in = Files.newInputStream(BuiltInOnnx.minilm())) {
            Files.write(truncated, in.readNBytes(1000));
        }

        assertThatThrownBy(() -> OnnxModelReader.read(truncated)).isExactlyInstanceOf(ModelException.class)
                .hasMessageContaining(truncated + ": not a readable ONNX model")
                .hasMessageContaining("field 7 claims");
    }

    @Test
    @Timeout(10)
    void everyTruncationOfAValidModelIsAModelException() {
        byte[] model = TinyOnnx.addModel();
        for (int length = 0; length < model.length; length++) {
            Path prefix = TinyOnnx.write(Arrays.copyOf(model, length), dir.resolve("prefix-" + length + ".onnx"));
            assertThatThrownBy(() -> OnnxModelReader.read(prefix)).as("prefix of %d bytes", length)
                    .isExactlyInstanceOf(ModelException.class).hasMessageContaining(prefix.toString());
        }
    }

    @Test
    @Timeout(10)
    void randomBytesAreAModelException() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            byte[] noise = new byte[1 + random.nextInt(4096)];
            random.nextBytes(noise);
            Path file = TinyOnnx.write(noise, dir.resolve("noise-" + trial + ".onnx"));
            assertThatThrownBy(() -> OnnxModelReader.read(file)).as("trial %d", trial)
                    .isExactlyInstanceOf(ModelException.class).hasMessageContaining(file.toString());
        }
    }

    @Test
    void aTensorWhoseDataDoesNotMatchItsDimsIsAModelException() {
        Path file = TinyOnnx.write(TinyOnnx.addModel(TinyOnnx.floats(1f)), dir.resolve("short-tensor.onnx"));

        assertThatThrownBy(() -> OnnxModelReader.read(file)).isExactlyInstanceOf(ModelException.class)
                .hasMessageContaining("tensor b of FLOAT with dims [2] needs 8 bytes, the file holds 4");
    }
}

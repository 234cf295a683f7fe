package dev.attend.model.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attend.model.AttentionModel;
import dev.attend.model.ModelException;
import dev.attend.model.Models;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.registry.Pooling;
import dev.attend.model.safetensors.SafetensorsDtype;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which folders load as Hugging Face folders, under what name and pooling, and how broken ones fail. */
class HfFolderTest {

    private static final BertConfig TINY = new BertConfig(30522, 8, 1, 2, 8, 16, 2, 1e-12f);

    @TempDir
    Path dir;

    private HfCheckpoint checkpoint() {
        return HfCheckpoint.of(RandomBert.generate(TINY, HfLayout.standard(), 3), HfLayout.standard());
    }

    private Path folder(HfCheckpoint checkpoint) {
        return checkpoint.write(dir.resolve("tiny-bert"), SafetensorsDtype.F32);
    }

    @Test
    void theNameIsTheFolderNameOrTheConfigsNameOrPath() {
        try (AttentionModel model = Models.load(folder(checkpoint()).toString())) {
            assertThat(model.name()).isEqualTo("tiny-bert");
            assertThat(model.key()).endsWith("tiny-bert");
        }
        HfCheckpoint named = checkpoint();
        named.config().put("_name_or_path", "someone/tiny-bert-v2");
        try (AttentionModel model = Models.load(folder(named).toString())) {
            assertThat(model.name()).isEqualTo("someone/tiny-bert-v2");
        }
    }

    @Test
    void aSafetensorsFileLoadsWithTheFilesBesideIt() {
        Path file = folder(checkpoint()).resolve("model.safetensors");

        try (AttentionModel model = Models.load(file.toString())) {
            assertThat(model.config()).isEqualTo(TINY);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "true, false, CLS",
            "false, true, MEAN"})
    void sentenceTransformersPoolingIsReadFromThePoolingModule(boolean cls, boolean mean, Pooling expected) throws IOException {
        Path folder = folder(checkpoint());
        Files.writeString(folder.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]""");
        Files.createDirectories(folder.resolve("1_Pooling"));
        Files.writeString(folder.resolve("1_Pooling/config.json"), """
                {"word_embedding_dimension": 8, "pooling_mode_cls_token": %s, "pooling_mode_mean_tokens": %s,
                 "pooling_mode_max_tokens": false, "pooling_mode_mean_sqrt_len_tokens": false}""".formatted(cls, mean));

        try (AttentionModel model = Models.load(folder.toString())) {
            assertThat(model.pooling()).isEqualTo(expected);
        }
        assertThat(HfFolder.open(folder).pooling()).isEqualTo(expected);
    }

    @Test
    void aFolderWithoutSentenceTransformersFilesPoolsByMeanAndOtherPoolingIsRefused() throws IOException {
        Path folder = folder(checkpoint());
        assertThat(HfFolder.open(folder).pooling()).isEqualTo(Pooling.MEAN);

        Files.createDirectories(folder.resolve("1_Pooling"));
        Files.writeString(folder.resolve("1_Pooling/config.json"), "{\"pooling_mode_max_tokens\": true}");
        assertThatThrownBy(() -> HfFolder.open(folder))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("pools by max_tokens; attend supports one of pooling_mode_mean_tokens or pooling_mode_cls_token");
    }

    @Test
    void aFolderWithAnOnnxModelStillLoadsAsOnnxUnlessItHasModelSafetensors() throws IOException {
        Path onnxFolder = Files.createDirectories(dir.resolve("onnx-export"));
        Files.writeString(onnxFolder.resolve("config.json"), "{\"model_type\": \"bert\"}");
        Files.writeString(onnxFolder.resolve("model.onnx"), "");
        assertThat(HfFolder.recognises(onnxFolder)).isFalse();

        Path both = folder(checkpoint());
        Files.writeString(both.resolve("model.onnx"), "");
        assertThat(HfFolder.recognises(both)).isTrue();
        assertThat(HfFolder.recognises(dir.resolve("nothing-here"))).isFalse();
    }

    @Test
    void missingConfigJsonSaysWhatAFolderNeeds() throws IOException {
        Path folder = folder(checkpoint());
        Files.delete(folder.resolve("config.json"));

        assertThatThrownBy(() -> Models.load(folder.toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("tiny-bert has no config.json; a Hugging Face model folder needs config.json,"
                        + " model.safetensors and tokenizer.json");
    }

    @Test
    void pytorchBinWithoutSafetensorsIsRefusedWithHowToConvert() throws IOException {
        Path folder = folder(checkpoint());
        Files.move(folder.resolve("model.safetensors"), folder.resolve("pytorch_model.bin"));

        assertThatThrownBy(() -> Models.load(folder.toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has pytorch_model.bin but no model.safetensors; attend does not read PyTorch .bin")
                .hasMessageContaining("save_pretrained");
    }

    @Test
    void shardedSafetensorsAreRefused() throws IOException {
        Path folder = folder(checkpoint());
        Files.move(folder.resolve("model.safetensors"), folder.resolve("model-00001-of-00002.safetensors"));
        Files.writeString(folder.resolve("model.safetensors.index.json"), "{\"weight_map\": {}}");

        assertThatThrownBy(() -> Models.load(folder.toString()))
                .isInstanceOf(ModelException.class).hasMessageContaining("sharded weights").hasMessageContaining("not supported yet");
    }

    @Test
    void missingTokenizerJsonSaysHowToWriteIt() throws IOException {
        Path folder = folder(checkpoint());
        Files.delete(folder.resolve("tokenizer.json"));

        assertThatThrownBy(() -> Models.load(folder.toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has no tokenizer.json")
                .hasMessageContaining("AutoTokenizer.from_pretrained(folder).save_pretrained(folder)");
    }

    @Test
    void aRobertaFolderIsRefusedBeforeItsWeightsAreRead() {
        HfCheckpoint roberta = checkpoint();
        roberta.config().put("model_type", "roberta");

        assertThatThrownBy(() -> Models.load(folder(roberta).toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("model_type \"roberta\" is not supported yet")
                .hasMessageContaining("offset 2");
    }

    @Test
    void aMissingRequiredWeightIsNamed() {
        HfCheckpoint incomplete = checkpoint();
        incomplete.tensors().remove("encoder.layer.0.attention.self.key.weight");

        assertThatThrownBy(() -> Models.load(folder(incomplete).toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has no tensor encoder.layer.0.attention.self.key.weight, which a BERT model needs");
    }

    @Test
    void aMissingLayerNormWeightIsNamedByItsCurrentName() {
        HfCheckpoint incomplete = checkpoint();
        incomplete.tensors().remove("embeddings.LayerNorm.weight");

        assertThatThrownBy(() -> Models.load(folder(incomplete).toString()))
                .isInstanceOf(ModelException.class).hasMessageContaining("has no tensor embeddings.LayerNorm.weight");
    }

    @Test
    void weightsThatDoNotFitTheConfigAreRefused() {
        HfCheckpoint wider = checkpoint();
        wider.config().put("intermediate_size", 12);

        assertThatThrownBy(() -> Models.load(folder(wider).toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("tensor encoder.layer.0.intermediate.dense.weight has shape [8, 8]")
                .hasMessageContaining("implies [12, 8]; the config.json does not belong to these weights");
    }

    @Test
    void moreLayersThanTheConfigSaysAreRefused() {
        HfCheckpoint extra = checkpoint();
        extra.tensors().put("encoder.layer.1.output.dense.weight", new HfCheckpoint.Tensor(new long[] {8, 8}, new float[64]));

        assertThatThrownBy(() -> Models.load(folder(extra).toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has encoder.layer.1.output.dense.weight but")
                .hasMessageContaining("says num_hidden_layers 1");
    }

    @Test
    void headsThatDoNotDivideTheHiddenSizeAreRefused() {
        HfCheckpoint odd = checkpoint();
        odd.config().put("num_attention_heads", 3);

        assertThatThrownBy(() -> Models.load(folder(odd).toString()))
                .isInstanceOf(ModelException.class).hasMessageContaining("hidden size 8 is not divisible by 3 heads");
    }

    @Test
    void aWeightStoredAsIntegersIsRefusedByNameAndDtype() throws IOException {
        Path folder = folder(checkpoint());
        byte[] file = Files.readAllBytes(folder.resolve("model.safetensors"));
        // I32 has the byte size of F32, so only the dtype changes and the header stays consistent
        int headerLength = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(file, 8, headerLength, StandardCharsets.UTF_8);
        String query = "\"encoder.layer.0.attention.self.query.weight\":{\"dtype\":\"F32\"";
        assertThat(header).contains(query);
        byte[] patched = header.replace(query, query.replace("F32", "I32")).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(patched, 0, file, 8, patched.length);
        Files.write(folder.resolve("model.safetensors"), file);

        assertThatThrownBy(() -> Models.load(folder.toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("tensor encoder.layer.0.attention.self.query.weight I32 [8, 8] is I32;"
                        + " attend reads weights stored as F32, F16 or BF16");
    }

    @Test
    void aTruncatedSafetensorsFileIsAClearError() throws IOException {
        Path folder = folder(checkpoint());
        byte[] file = Files.readAllBytes(folder.resolve("model.safetensors"));
        Files.write(folder.resolve("model.safetensors"), Arrays.copyOf(file, file.length / 2));

        assertThatThrownBy(() -> Models.load(folder.toString()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("model.safetensors is not a valid safetensors file")
                .hasMessageContaining("it is truncated");
    }
}

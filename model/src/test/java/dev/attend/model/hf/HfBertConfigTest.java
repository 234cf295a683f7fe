package dev.attend.model.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attend.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HfBertConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsTheBertKeys() throws IOException {
        HfBertConfig config = HfBertConfig.read(write("""
                {"_name_or_path": "sentence-transformers/all-MiniLM-L6-v2", "model_type": "bert",
                 "architectures": ["BertModel"], "vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6,
                 "num_attention_heads": 12, "intermediate_size": 1536, "max_position_embeddings": 512,
                 "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu",
                 "position_embedding_type": "absolute", "is_decoder": false, "torch_dtype": "float32"}"""));

        assertThat(config).isEqualTo(new HfBertConfig("sentence-transformers/all-MiniLM-L6-v2", 30522, 384, 6, 12,
                1536, 512, 2, 1e-12f));
    }

    @Test
    void leftOutKeysTakeTheDefaultsOfTransformersBertConfig() throws IOException {
        HfBertConfig config = HfBertConfig.read(write("{\"model_type\": \"bert\"}"));

        assertThat(config).isEqualTo(new HfBertConfig("", 30522, 768, 12, 12, 3072, 512, 2, 1e-12f));
    }

    @Test
    void anOldConfigWithoutModelTypeIsBertIfItsArchitecturesAre() throws IOException {
        assertThat(HfBertConfig.read(write("{\"architectures\": [\"BertForMaskedLM\"], \"hidden_size\": 64,"
                + " \"num_attention_heads\": 4}")).hiddenSize()).isEqualTo(64);
        Path unknown = write("{\"architectures\": [\"GPT2LMHeadModel\"]}");
        assertThatThrownBy(() -> HfBertConfig.read(unknown))
                .isInstanceOf(ModelException.class).hasMessageContaining("has no model_type and no Bert architecture");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "roberta     | position ids start after the padding index (offset 2)",
            "xlm-roberta | position ids start after the padding index (offset 2)",
            "distilbert  | weights are named differently (transformer.layer.N.attention.q_lin)",
            "albert      | shares one layer's weights across all layers",
            "electra     | embeddings may be smaller than the hidden size",
            "deberta-v2  | disentangled relative-position",
            "gpt2        | attend knows only the BERT architecture so far"})
    void otherModelTypesAreRefusedWithTheReason(String modelType, String reason) throws IOException {
        Path config = write("{\"model_type\": \"" + modelType + "\", \"hidden_size\": 768}");

        assertThatThrownBy(() -> HfBertConfig.read(config))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("model_type \"" + modelType + "\" is not supported yet")
                .hasMessageContaining(reason)
                .hasMessageContaining("model_type \"bert\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"hidden_act\": \"gelu_new\"                    | hidden_act \"gelu_new\" is not supported yet; attend's BERT computes GELU with the exact erf",
            "\"hidden_act\": \"relu\"                        | hidden_act \"relu\" is not supported yet",
            "\"position_embedding_type\": \"relative_key\"   | position_embedding_type \"relative_key\" is not supported yet",
            "\"is_decoder\": true                            | is_decoder is true (causal attention)",
            "\"hidden_size\": -384                           | hidden_size is -384; expected a positive integer",
            "\"num_attention_heads\": \"12\"                 | num_attention_heads is \"12\"; expected a positive integer",
            "\"intermediate_size\": 1536.5                   | intermediate_size is 1536.5; expected a positive integer",
            "\"layer_norm_eps\": 0                           | layer_norm_eps is 0; expected a positive number"})
    void whatTheEncoderWouldComputeDifferentlyIsRefused(String entry, String message) throws IOException {
        Path config = write("{\"model_type\": \"bert\", " + entry + "}");

        assertThatThrownBy(() -> HfBertConfig.read(config)).isInstanceOf(ModelException.class).hasMessageContaining(message);
    }

    @Test
    void aConfigThatIsNotJsonOrMissingFailsClearly() throws IOException {
        Path broken = write("{\"model_type\": ");

        assertThatThrownBy(() -> HfBertConfig.read(broken))
                .isInstanceOf(ModelException.class).hasMessageContaining("expected a Hugging Face config.json");
        assertThatThrownBy(() -> HfBertConfig.read(dir.resolve("none.json")))
                .isInstanceOf(ModelException.class).hasMessageContaining("config file not found");
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }
}

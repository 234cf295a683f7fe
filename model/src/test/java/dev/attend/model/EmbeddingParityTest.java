package dev.attend.model;

import dev.attend.model.testing.BuiltInOnnx;
import dev.attend.model.testing.OrtOutputs;
import dev.attend.model.testing.OrtReference;
import dev.attend.model.tokenize.TokenizedText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Sentence embeddings against ONNX Runtime's last_hidden_state pooled the same way (plain loops here), on a
 * padded ORT batch; MiniLM mean-pools, bge-small takes [CLS].
 */
class EmbeddingParityTest {
    private static final List<String> TEXTS = List.of("The cat sat on the mat.", "A dog is sleeping under the old oak tree in the park.",
            "猫", "Embeddings place similar sentences close together, 😀!", "short");

    @ParameterizedTest
    @CsvSource({"minilm, MEAN", "bge-small, CLS"})
    void embeddingsMatchOrtPooledTheSameWay(String key, String pooling) {
        try (AttentionModel model = Models.load(key)) {
            assertThat(model.pooling().name()).isEqualTo(pooling);
            float[][] ours = model.embed(TEXTS, 2);

            List<TokenizedText> encoded = TEXTS.stream().map(model.tokenizer()::encode).toList();
            int n = encoded.stream().mapToInt(TokenizedText::size).max().orElseThrow();
            long[][] ids = new long[TEXTS.size()][n], mask = new long[TEXTS.size()][n], types = new long[TEXTS.size()][n];
            for (int b = 0; b < TEXTS.size(); b++) {
                for (int i = 0; i < encoded.get(b).size(); i++) {
                    ids[b][i] = encoded.get(b).ids()[i];
                    mask[b][i] = 1;
                }
            }
            OrtOutputs ort = OrtReference.of(BuiltInOnnx.model(key)).run(ids, mask, types);
            for (int b = 0; b < TEXTS.size(); b++) {
                float[][] hidden = ort.lastHiddenState()[b];
                double[] pooled = new double[hidden[0].length];
                int rows = pooling.equals("CLS") ? 1 : encoded.get(b).size();
                for (int i = 0; i < rows; i++) for (int c = 0; c < pooled.length; c++) pooled[c] += hidden[i][c];
                double norm = Math.sqrt(Arrays.stream(pooled).map(v -> v * v).sum());
                for (int c = 0; c < pooled.length; c++) {
                    assertThat((double) ours[b][c]).as("%s text %d dim %d", key, b, c).isCloseTo(pooled[c] / norm, within(1e-5));
                }
            }
        }
    }
}

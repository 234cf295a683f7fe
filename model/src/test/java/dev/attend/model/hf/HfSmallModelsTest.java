package dev.attend.model.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.InputException;
import dev.attend.model.Models;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.safetensors.SafetensorsDtype;
import dev.attend.model.tokenize.TokenizedText;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small random BERT models written as Hugging Face folders, loaded with Models.load and run on text, against
 * {@link ReferenceBert} in double precision: odd head sizes, one layer, one head per dimension, and checkpoints
 * that leave out what they may (biases, LayerNorm betas, the token-type table; gamma/beta names; bert. prefix).
 */
class HfSmallModelsTest {

    private static final double TOLERANCE = 1e-5;
    private static final int VOCAB = 30522; // the tokenizer written beside the model is BERT uncased's
    private static final List<String> TEXTS = List.of("The cat sat on the mat because it was tired",
            "a", "Attention is all you need, they said; was it?");

    @TempDir
    Path dir;

    record Case(String name, BertConfig config, HfLayout layout) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("hidden 20, 4 heads of 5, intermediate 37", config(20, 2, 4, 37, 2), HfLayout.standard().withPrefix("bert.")),
                new Case("one layer", config(16, 1, 2, 24, 2), HfLayout.standard()),
                new Case("6 heads of 1", config(6, 2, 6, 10, 2), HfLayout.standard()),
                new Case("no biases, no token types, gamma/beta", config(12, 2, 3, 20, 1),
                        HfLayout.standard().withoutBiases().withoutTokenTypes().withGammaBetaNames().withPrefix("bert.")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void loadedModelMatchesTheDoublePrecisionReference(Case c) {
        BertWeights weights = RandomBert.generate(c.config(), c.layout(), 42);
        Path folder = HfCheckpoint.of(weights, c.layout()).write(dir.resolve("small"), SafetensorsDtype.F32);

        Map<String, float[]> expected = WeightArrays.of(weights);
        WeightArrays.of(HfFolder.open(folder).readWeights()).forEach((name, values) ->
                assertThat(Arrays.equals(values, expected.get(name))).as(name).isTrue());
        try (AttentionModel model = Models.load(folder.toString())) {
            assertThat(model.config()).isEqualTo(c.config());
            for (String text : TEXTS) {
                compare(model.trace(text, Capture.attention()), weights);
            }
            if (c.layout().tokenTypes()) {
                compare(model.tracePair("Where is the cat?", "On the mat.", Capture.attention()), weights);
            }
        }
    }

    @Test
    void withoutATokenTypeTableAModelHasOneTypeAndRefusesPairs() {
        HfLayout layout = HfLayout.standard().withoutTokenTypes();
        Path folder = HfCheckpoint.of(RandomBert.generate(config(8, 1, 2, 8, 1), layout, 1), layout)
                .write(dir.resolve("one-type"), SafetensorsDtype.F32);

        try (AttentionModel model = Models.load(folder.toString())) {
            assertThat(model.config().typeVocabSize()).isEqualTo(1);
            assertThatThrownBy(() -> model.tracePair("a", "b", Capture.attention()))
                    .isInstanceOf(InputException.class).hasMessageContaining("1 token types; sentence pairs need 2");
        }
    }

    private static void compare(AttentionTrace trace, BertWeights weights) {
        TokenizedText text = trace.text();
        ReferenceBert.Output expected = ReferenceBert.forward(weights, text.ids(), text.typeIds());
        int hidden = trace.hiddenSize();
        for (int i = 0; i < text.size(); i++) {
            for (int e = 0; e < hidden; e++) {
                assertThat((double) trace.lastHiddenState()[i * hidden + e]).as("hidden [%d, %d] of %s", i, e, text.texts())
                        .isCloseTo(expected.hidden()[i][e], within(TOLERANCE));
            }
        }
        for (int l = 0; l < trace.layers(); l++) {
            for (int h = 0; h < trace.heads(); h++) {
                for (int i = 0; i < text.size(); i++) {
                    for (int j = 0; j < text.size(); j++) {
                        assertThat((double) trace.weight(l, h, i, j)).as("attention [%d, %d, %d, %d]", l, h, i, j)
                                .isCloseTo(expected.attention()[l][h][i][j], within(TOLERANCE));
                    }
                }
            }
        }
    }

    private static BertConfig config(int hidden, int layers, int heads, int intermediate, int types) {
        return new BertConfig(VOCAB, hidden, layers, heads, intermediate, 40, types, 1e-12f);
    }
}

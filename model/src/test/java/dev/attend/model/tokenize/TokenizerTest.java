package dev.attend.model.tokenize;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerTest {
    @TempDir
    static Path folder;

    static Path minilmJson;
    static Tokenizer minilm;

    @BeforeAll
    static void load() {
        minilmJson = ClasspathFiles.copy("all-minilm-l6-v2-tokenizer.json", folder);
        minilm = Tokenizer.load(minilmJson, "all-MiniLM-L6-v2", 512);
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    @Test
    void sentenceGivesTheBertUncasedWordPieceIdsOfTheVocabulary() throws IOException {
        List<String> expectedTokens =
                List.of("[CLS]", "the", "cat", "sat", "on", "the", "mat", "because", "it", "was", "tired", "[SEP]");
        JsonObject vocab = JsonParser.parseString(Files.readString(minilmJson))
                .getAsJsonObject().getAsJsonObject("model").getAsJsonObject("vocab");
        int[] idsFromVocab = expectedTokens.stream().mapToInt(t -> vocab.get(t).getAsInt()).toArray();

        TokenizedText text = minilm.encode("The cat sat on the mat because it was tired");

        assertThat(text.tokens()).isEqualTo(expectedTokens);
        assertThat(text.ids()).containsExactly(idsFromVocab);
        assertThat(text.ids()).containsExactly(101, 1996, 4937, 2938, 2006, 1996, 13523, 2138, 2009, 2001, 5458, 102);
        assertThat(text.typeIds()).containsOnly(0);
        assertThat(text.wordIds()).containsExactly(-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1);
        assertThat(text.size()).isEqualTo(12);
        assertThat(text.isPair()).isFalse();
        assertThat(text.firstSegmentLength()).isEqualTo(12);
    }

    @Test
    void theFilesTruncationAndPaddingAreNotApplied() {
        String words = IntStream.range(0, 300).mapToObj(i -> i % 2 == 0 ? "cat" : "mat").reduce((a, b) -> a + " " + b).orElseThrow();

        TokenizedText text = minilm.encode(words);

        assertThat(text.size()).isEqualTo(302);
        assertThat(text.tokens()).doesNotContain("[PAD]");
        assertThat(minilm.encode("cat").tokens()).containsExactly("[CLS]", "cat", "[SEP]");
    }

    @Test
    void wordPiecesOfOneWordShareItsWordId() {
        TokenizedText text = minilm.encode("tokenization works");

        assertThat(text.tokens()).containsExactly("[CLS]", "token", "##ization", "works", "[SEP]");
        assertThat(text.wordIds()).containsExactly(-1, 0, 0, 1, -1);
        assertThat(text.charStart()).containsExactly(-1, 0, 5, 13, -1);
        assertThat(text.charEnd()).containsExactly(-1, 5, 12, 18, -1);
    }

    @Test
    void offsetsOfAccentedWordsPointAtTheOriginalCharacters() {
        TokenizedText text = minilm.encode("un café noir");

        assertThat(text.tokens()).containsExactly("[CLS]", "un", "cafe", "noir", "[SEP]");
        assertThat(surfaces(text)).containsExactly("", "un", "café", "noir", "");
    }

    @Test
    void offsetsOfCjkCharactersPointAtEachCharacter() {
        TokenizedText text = minilm.encode("猫が座った");

        assertThat(text.tokens()).containsExactly("[CLS]", "[UNK]", "か", "[UNK]", "っ", "##た", "[SEP]");
        assertThat(surfaces(text)).containsExactly("", "猫", "が", "座", "っ", "た", "");
    }

    @Test
    void offsetsAfterEmojiCountBothCharsOfTheSurrogatePair() {
        TokenizedText text = minilm.encode("I 😀 cats");

        assertThat(text.tokens()).containsExactly("[CLS]", "i", "[UNK]", "cats", "[SEP]");
        assertThat(text.charStart()).containsExactly(-1, 0, 2, 5, -1);
        assertThat(text.charEnd()).containsExactly(-1, 1, 4, 9, -1);
        assertThat(surfaces(text)).containsExactly("", "I", "😀", "cats", "");
    }

    @Test
    void offsetsStayAlignedAfterManyCharactersOutsideTheBasicPlane() {
        String original = "naïve 😀😀 x 𝒳y é";

        TokenizedText text = minilm.encode(original);

        assertThat(surfaces(text)).containsExactly("", "naïve", "😀😀", "x", "𝒳y", "é", "");
    }

    @Test
    void aLoneSurrogateDoesNotShiftTheOffsetsAfterIt() {
        String original = "cat \uD83D mat";

        TokenizedText text = minilm.encode(original);

        assertThat(text.tokens()).containsExactly("[CLS]", "cat", "mat", "[SEP]");
        assertThat(surfaces(text)).containsExactly("", "cat", "mat", "");
    }

    @Test
    void pairHasTypeIdsSeparatorsAndWordIdsContinuingIntoTheSecondText() {
        TokenizedText text = minilm.encodePair("The cat sat.", "Tokenization is fun");

        assertThat(text.tokens()).containsExactly(
                "[CLS]", "the", "cat", "sat", ".", "[SEP]", "token", "##ization", "is", "fun", "[SEP]");
        assertThat(text.typeIds()).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        assertThat(text.firstSegmentLength()).isEqualTo(6);
        assertThat(text.isPair()).isTrue();
        assertThat(text.segment(5)).isZero();
        assertThat(text.segment(6)).isOne();
        assertThat(text.ids()[5]).isEqualTo(102);
        assertThat(text.ids()[10]).isEqualTo(102);
        assertThat(text.wordIds()).containsExactly(-1, 0, 1, 2, 3, -1, 4, 4, 5, 6, -1);
        assertThat(surfaces(text)).containsExactly(
                "", "The", "cat", "sat", ".", "", "Token", "ization", "is", "fun", "");
        assertThat(text.charStart()[6]).isZero();
    }

    @Test
    void theTokenLimitIsExact() {
        assertThat(minilm.encode("a ".repeat(510)).size()).isEqualTo(512);

        assertThatThrownBy(() -> minilm.encode("a ".repeat(511)))
                .isInstanceOf(InputException.class)
                .hasMessage("text has 513 tokens; all-MiniLM-L6-v2 takes at most 512 — shorten it");
    }

    @Test
    void theTokenLimitCountsBothTextsOfAPair() {
        assertThat(minilm.encodePair("a ".repeat(300), "b ".repeat(209)).size()).isEqualTo(512);

        assertThatThrownBy(() -> minilm.encodePair("a ".repeat(300), "b ".repeat(210)))
                .isInstanceOf(InputException.class)
                .hasMessage("text pair has 513 tokens; all-MiniLM-L6-v2 takes at most 512 — shorten them");
    }

    @Test
    void aLongTextIsRefusedWithItsTokenCount() {
        assertThatThrownBy(() -> minilm.encode("a ".repeat(732)))
                .isInstanceOf(InputException.class)
                .hasMessage("text has 734 tokens; all-MiniLM-L6-v2 takes at most 512 — shorten it");
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> minilm.encode(""))
                .isInstanceOf(InputException.class).hasMessage("text is empty; give some text");
        assertThatThrownBy(() -> minilm.encode(null))
                .isInstanceOf(InputException.class).hasMessage("text is empty; give some text");
        assertThatThrownBy(() -> minilm.encodePair("cat", ""))
                .isInstanceOf(InputException.class).hasMessage("second text is empty; give some text");
    }

    @Test
    void textOfOnlySpacesOrControlCharactersIsRefused() {
        for (String blank : List.of(" ", "  \t\n ", "\u0001\u0002", "\u200b\u00ad", " \u0000 ")) {
            assertThatThrownBy(() -> minilm.encode(blank))
                    .isInstanceOf(InputException.class)
                    .hasMessage("text has no words, only spaces or control characters; give some text");
        }
        assertThatThrownBy(() -> minilm.encodePair("\t", "cat"))
                .isInstanceOf(InputException.class)
                .hasMessage("first text has no words, only spaces or control characters; give some text");
    }

    @Test
    void concurrentEncodesGiveTheSameTokensAsOneAtATime() throws Exception {
        List<String> texts = IntStream.range(0, 64).mapToObj(i -> "sentence number " + i + " about café 😀 " + "x ".repeat(i)).toList();
        List<List<String>> expected = texts.stream().map(t -> minilm.encode(t).tokens()).toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<List<String>>> results = IntStream.range(0, 640)
                    .mapToObj(i -> pool.submit(() -> minilm.encode(texts.get(i % 64)).tokens())).toList();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % 64));
            }
        }
    }

    @Test
    void aClosedTokenizerRefusesToEncode() {
        Tokenizer tokenizer = Tokenizer.load(minilmJson, 512);
        tokenizer.close();

        assertThatThrownBy(() -> tokenizer.encode("cat")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingOrBrokenTokenizerFileIsAModelError() throws IOException {
        Path missing = folder.resolve("missing.json");
        Path broken = Files.writeString(folder.resolve("broken.json"), "not json");

        assertThatThrownBy(() -> Tokenizer.load(missing, 512))
                .isInstanceOf(ModelException.class).hasMessageContaining("not found").hasMessageContaining("missing.json");
        assertThatThrownBy(() -> Tokenizer.load(broken, 512))
                .isInstanceOf(ModelException.class).hasMessageContaining("cannot read tokenizer").hasMessageContaining("broken.json");
    }

    @Test
    void bgeSmallTokenizesLikeBertUncased() {
        Path bgeJson = ClasspathFiles.copy("bge-small-en-v1.5-tokenizer.json", folder);
        try (Tokenizer bge = Tokenizer.load(bgeJson, "bge-small-en-v1.5", 512)) {
            assertThat(bge.encode("The cat sat on the mat because it was tired").ids())
                    .containsExactly(101, 1996, 4937, 2938, 2006, 1996, 13523, 2138, 2009, 2001, 5458, 102);
            assertThatThrownBy(() -> bge.encode("a ".repeat(511))).hasMessageContaining("bge-small-en-v1.5");
        }
    }

    private static List<String> surfaces(TokenizedText text) {
        return IntStream.range(0, text.size()).mapToObj(text::surface).toList();
    }
}

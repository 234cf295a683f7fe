package dev.attend.analysis;

import dev.attend.model.AttentionModel;
import dev.attend.model.Capture;
import dev.attend.model.InputException;
import dev.attend.model.Models;
import dev.attend.model.testing.BuiltInOnnx;
import dev.attend.model.testing.OrtOutputs;
import dev.attend.model.testing.OrtReference;
import dev.attend.model.tokenize.TokenizedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CorpusHeadStatisticsTest {
    private static final List<String> CORPUS = List.of(
            "The cat sat on the mat because it was tired.",
            "",
            "Attention lets every token look at every other token.",
            "   ",
            "Short.",
            "Heads that look at the previous token are common in early layers of BERT models.",
            "Café, naïve, 猫, 😀 — punctuation!?");
    private static final CorpusHeadStatistics.Progress QUIET = new CorpusHeadStatistics.Progress() {
        public void line(long lineNumber) {}

        public void truncated(long lineNumber, int tokens, int limit) {}

        public void tokens(long total) {}
    };
    private static AttentionModel model;

    @BeforeAll
    static void load() {
        model = Models.load("minilm");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void matchesStatisticsComputedFromOnnxRuntimeAttention(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, CORPUS, StandardCharsets.UTF_8);
        CorpusReport report = CorpusHeadStatistics.run(model, corpus, 3, false, QUIET);

        // independent: ORT's Softmax outputs, statistics by plain loops over every query of every line
        OrtReference ort = OrtReference.of(BuiltInOnnx.minilm());
        int layers = 6, heads = 12;
        double[][] sums = new double[layers * heads][10];
        long tokens = 0, neighbours = 0;
        for (String line : CORPUS) {
            if (line.isBlank()) continue;
            TokenizedText t = model.tokenizer().encode(line);
            long[] ids = Arrays.stream(t.ids()).asLongStream().toArray();
            long[] ones = new long[ids.length];
            Arrays.fill(ones, 1);
            OrtOutputs out = ort.run(new long[][] {ids}, new long[][] {ones}, new long[][] {new long[ids.length]});
            int n = ids.length;
            tokens += n;
            neighbours += n - 1;
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    float[][] a = out.attentions()[0][l][h];
                    double[] s = sums[l * heads + h];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) if (a[i][j] > 0) s[0] -= a[i][j] * Math.log(a[i][j]);
                        s[1] += a[i][0];
                        s[2] += a[i][n - 1];
                        s[3] += a[i][i];
                        if (i > 0) s[4] += a[i][i - 1];
                        if (i < n - 1) s[5] += a[i][i + 1];
                        int argmax = 0;
                        for (int j = 1; j < n; j++) if (a[i][j] > a[i][argmax]) argmax = j;
                        s[6] += a[i][argmax];
                        if (i > 0 && argmax == i - 1) s[7]++;
                        if (i < n - 1 && argmax == i + 1) s[8]++;
                        for (int j = 1; j < n - 1; j++) if (t.tokens().get(j).matches("\\p{P}+")) s[9] += a[i][j];
                    }
                }
            }
        }
        assertThat(report.texts()).isEqualTo(5);
        assertThat(report.emptyLines()).isEqualTo(2);
        assertThat(report.lines()).isEqualTo(7);
        assertThat(report.tokens()).isEqualTo(tokens);
        assertThat(report.heads()).hasSize(layers * heads);
        for (HeadSummary h : report.heads()) {
            double[] s = sums[h.layer() * heads + h.head()];
            assertThat(h.entropy()).isCloseTo(s[0] / tokens, within(1e-4));
            assertThat(h.cls()).isCloseTo(s[1] / tokens, within(1e-4));
            assertThat(h.sep()).isCloseTo(s[2] / tokens, within(1e-4));
            assertThat(h.self()).isCloseTo(s[3] / tokens, within(1e-4));
            assertThat(h.prev()).isCloseTo(s[4] / neighbours, within(1e-4));
            assertThat(h.next()).isCloseTo(s[5] / neighbours, within(1e-4));
            assertThat(h.confidence()).isCloseTo(s[6] / tokens, within(1e-4));
            assertThat(h.argmaxPrev()).isCloseTo(s[7] / neighbours, within(0.5 / neighbours)); // ties aside: exact counts
            assertThat(h.argmaxNext()).isCloseTo(s[8] / neighbours, within(0.5 / neighbours));
            assertThat(h.punct()).isCloseTo(s[9] / tokens, within(1e-4));
        }
        // MiniLM layer 0 head 2 attends to the previous token (seen on this corpus and others)
        assertThat(report.heads().get(2).roles()).contains("prev-token head");
    }

    @Test
    void streamedStatisticsEqualThoseOfEachTextsOwnTrace() {
        // lengths 3 to ~190 tokens in one packed batch: several 64-query blocks per head
        List<TokenizedText> texts = new ArrayList<>();
        for (int words : new int[] {1, 9, 30, 60}) {
            StringBuilder line = new StringBuilder("Look");
            for (int w = 1; w < words; w++) line.append(w % 7 == 0 ? ", then " : " at the cat").append(w % 5 == 0 ? "." : "");
            texts.add(model.tokenizer().encode(line.toString()));
        }
        HeadStatistics streamed = new HeadStatistics(6, 12);
        streamed.addBatch(model, texts);
        HeadStatistics traced = new HeadStatistics(6, 12);
        for (TokenizedText t : texts) traced.add(model.trace(t, Capture.attention())); // unpadded, one by one
        assertThat(texts.get(3).size()).isGreaterThan(130);
        assertThat(streamed.texts()).isEqualTo(4);
        assertThat(streamed.tokens()).isEqualTo(traced.tokens());
        List<HeadSummary> a = streamed.summaries(), b = traced.summaries();
        for (int k = 0; k < a.size(); k++) {
            assertThat(a.get(k).entropy()).isCloseTo(b.get(k).entropy(), within(1e-5));
            assertThat(a.get(k).cls()).isCloseTo(b.get(k).cls(), within(1e-6));
            assertThat(a.get(k).sep()).isCloseTo(b.get(k).sep(), within(1e-6));
            assertThat(a.get(k).punct()).isCloseTo(b.get(k).punct(), within(1e-6));
            assertThat(a.get(k).self()).isCloseTo(b.get(k).self(), within(1e-6));
            assertThat(a.get(k).prev()).isCloseTo(b.get(k).prev(), within(1e-6));
            assertThat(a.get(k).next()).isCloseTo(b.get(k).next(), within(1e-6));
            assertThat(a.get(k).confidence()).isCloseTo(b.get(k).confidence(), within(1e-6));
            assertThat(a.get(k).argmaxPrev()).isCloseTo(b.get(k).argmaxPrev(), within(0.01)); // near-ties may flip
            assertThat(a.get(k).argmaxNext()).isCloseTo(b.get(k).argmaxNext(), within(0.01));
        }
    }

    @Test
    void batchSizeDoesNotChangeTheResult(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, CORPUS, StandardCharsets.UTF_8);
        List<HeadSummary> one = CorpusHeadStatistics.run(model, corpus, 1, false, QUIET).heads();
        List<HeadSummary> many = CorpusHeadStatistics.run(model, corpus, 16, false, QUIET).heads();
        for (int k = 0; k < one.size(); k++) {
            assertThat(many.get(k).entropy()).isCloseTo(one.get(k).entropy(), within(1e-5));
            assertThat(many.get(k).prev()).isCloseTo(one.get(k).prev(), within(1e-5));
        }
    }

    @Test
    void longLinesAreCutAndCountedWithAWarning(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("long.txt");
        Files.writeString(corpus, "short line\r\n" + "word ".repeat(700) + "\n");
        List<Long> warned = new ArrayList<>();
        CorpusReport report = CorpusHeadStatistics.run(model, corpus, 4, false, new CorpusHeadStatistics.Progress() {
            public void line(long lineNumber) {}

            public void truncated(long lineNumber, int tokens, int limit) {
                warned.add(lineNumber);
                assertThat(tokens).isEqualTo(702);
                assertThat(limit).isEqualTo(512);
            }

            public void tokens(long total) {}
        });
        assertThat(warned).containsExactly(2L);
        assertThat(report.truncatedLines()).isEqualTo(1);
        assertThat(report.tokens()).isEqualTo(4 + 512);
    }

    @Test
    void invalidUtf8NamesTheLine(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("bad.txt");
        byte[] good = "fine\nalso fine\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'b', 'a', (byte) 0xC3, (byte) 0x28, '\n'};
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(corpus, all);
        assertThatThrownBy(() -> CorpusHeadStatistics.run(model, corpus, 2, false, QUIET))
                .isInstanceOf(InputException.class).hasMessageContaining("line 3 is not valid UTF-8");
    }

    /** Word level by plain loops over word ids: to-word summed, from-word averaged, [CLS]/[SEP] not queries. */
    @Test
    void wordLevelByPlainLoops(@TempDir Path dir) throws IOException {
        String line = "Unbelievably, the playwright's tokenization works!";
        Path corpus = dir.resolve("words.txt");
        Files.writeString(corpus, line + "\n");
        CorpusReport report = CorpusHeadStatistics.run(model, corpus, 1, true, QUIET);
        dev.attend.model.AttentionTrace trace = model.trace(line, dev.attend.model.Capture.attention());
        int[] word = trace.text().wordIds();
        int n = word.length, words = 0;
        for (int w : word) words = Math.max(words, w + 1);
        int[] pieces = new int[words];
        for (int w : word) if (w >= 0) pieces[w]++;
        for (HeadSummary h : report.heads()) {
            double prev = 0, next = 0, cls = 0, sep = 0, entropy = 0;
            for (int a = 0; a < words; a++) {
                double[] toWord = new double[words];
                double toCls = 0, toSep = 0;
                for (int i = 0; i < n; i++) {
                    if (word[i] != a) continue;
                    for (int j = 0; j < n; j++) {
                        double v = trace.weight(h.layer(), h.head(), i, j) / pieces[a];
                        if (word[j] >= 0) toWord[word[j]] += v;
                        else if (j == 0) toCls += v;
                        else toSep += v;
                    }
                }
                if (a > 0) prev += toWord[a - 1];
                if (a < words - 1) next += toWord[a + 1];
                cls += toCls;
                sep += toSep;
                for (double v : toWord) if (v > 0) entropy -= v * Math.log(v);
                if (toCls > 0) entropy -= toCls * Math.log(toCls);
                if (toSep > 0) entropy -= toSep * Math.log(toSep);
            }
            assertThat(h.prev()).isCloseTo(prev / (words - 1), within(1e-5));
            assertThat(h.next()).isCloseTo(next / (words - 1), within(1e-5));
            assertThat(h.cls()).isCloseTo(cls / words, within(1e-5));
            assertThat(h.sep()).isCloseTo(sep / words, within(1e-5));
            assertThat(h.entropy()).isCloseTo(entropy / words, within(1e-4));
        }
        assertThat(report.tokens()).isEqualTo(n);
        assertThat(words).isLessThan(n - 2); // the line does have multi-piece words
    }
}

package dev.attend.model;

import dev.attend.model.tokenize.TokenizedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What a Capture keeps is coherent with itself, batches equal single texts, and one model serves many threads. */
class TraceCaptureTest {
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
    void weightsRecomputedFromCapturedQueriesAndKeysMatch() {
        AttentionTrace t = model.trace("Where did the cat sit? On the mat.", Capture.everything());
        int n = t.queries(), d = t.headDim();
        for (int l = 0; l < t.layers(); l++) {
            for (int h = 0; h < t.heads(); h += 5) {
                for (int i = 0; i < n; i++) {
                    double[] logits = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += (double) t.vectors().query()[l][(h * n + i) * d + c] * t.vectors().key()[l][(h * n + j) * d + c];
                        }
                        logits[j] = dot / Math.sqrt(d);
                        max = Math.max(max, logits[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += Math.exp(logits[j] - max);
                    double[] context = new double[d];
                    for (int j = 0; j < n; j++) {
                        double w = Math.exp(logits[j] - max) / sum;
                        assertThat((double) t.weight(l, h, i, j)).isCloseTo(w, within(1e-5));
                        for (int c = 0; c < d; c++) context[c] += w * t.vectors().value()[l][(h * n + j) * d + c];
                    }
                    for (int c = 0; c < d; c++) {
                        assertThat((double) t.vectors().context()[l][(h * n + i) * d + c]).isCloseTo(context[c], within(1e-4));
                    }
                }
            }
        }
        assertThat(t.hiddenStates().length).isEqualTo(t.layers() + 1);
        assertThat(t.hiddenStates()[t.layers()]).containsExactly(t.lastHiddenState());
    }

    @Test
    void paddedBatchEqualsOneAtATime() {
        List<TokenizedText> texts = List.of(model.tokenizer().encode("a short one"),
                model.tokenizer().encode("a much longer sentence that needs many more tokens than the others do"),
                model.tokenizer().encodePair("Is it raining?", "Yes, bring an umbrella."));
        List<AttentionTrace> batch = model.traceBatch(texts, Capture.attention());
        for (int b = 0; b < texts.size(); b++) {
            AttentionTrace single = model.trace(texts.get(b), Capture.attention());
            AttentionTrace batched = batch.get(b);
            assertThat(batched.queries()).isEqualTo(single.queries());
            for (int k = 0; k < single.lastHiddenState().length; k++) {
                assertThat(batched.lastHiddenState()[k]).isCloseTo(single.lastHiddenState()[k], within(1e-5f));
            }
            for (int l = 0; l < single.layers(); l++) {
                for (int k = 0; k < single.attention()[l].length; k++) {
                    assertThat(batched.attention()[l][k]).isCloseTo(single.attention()[l][k], within(1e-5f));
                }
            }
        }
    }

    @Test
    void headMaskSwitchesHeadsOffAndOnesChangeNothing() {
        String text = "The cat sat on the mat because it was tired";
        AttentionTrace plain = model.trace(text, Capture.everything());
        float[][] ones = new float[6][12];
        for (float[] row : ones) java.util.Arrays.fill(row, 1f);
        assertThat(model.trace(text, Capture.everything().withHeadMask(ones)).lastHiddenState())
                .containsExactly(plain.lastHiddenState());
        float[][] mask = new float[6][12];
        for (float[] row : mask) java.util.Arrays.fill(row, 1f);
        mask[5][11] = 0f;
        AttentionTrace masked = model.trace(text, Capture.everything().withHeadMask(mask));
        int n = masked.queries(), d = masked.headDim();
        for (int k = 0; k < n * d; k++) {
            assertThat(masked.vectors().context()[5][11 * n * d + k]).isZero();
        }
        assertThat(masked.lastHiddenState()).isNotEqualTo(plain.lastHiddenState());
        // layers before the masked one are untouched
        assertThat(masked.hiddenStates()[5]).containsExactly(plain.hiddenStates()[5]);
    }

    @Test
    void oneModelServesManyThreads() throws Exception {
        List<String> texts = List.of("first text here", "the second one is a bit longer than the first",
                "三番目", "fourth: emoji 😀", "fifth and final text for the threads");
        List<float[]> serial = new ArrayList<>();
        for (String t : texts) serial.add(model.trace(t, Capture.attention()).attention()[5]);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String t : texts) futures.add(pool.submit(() -> model.trace(t, Capture.attention()).attention()[5]));
            }
            // concurrent calls may run single-threaded inside (the pool is busy), so the GEMM's split, and the
            // last bits of a sum, can differ from the serial run
            for (int k = 0; k < futures.size(); k++) {
                float[] got = futures.get(k).get(), expected = serial.get(k % texts.size());
                assertThat(got).hasSameSizeAs(expected);
                for (int i = 0; i < got.length; i++) assertThat(got[i]).isCloseTo(expected[i], within(1e-6f));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.attend.web.e2e;

import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Heads view: per-head statistics of the text, and heads switched off with the model's own head mask. */
class HeadsE2ETest {
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    @Test
    void statisticsAreTheTracesAndSwitchingAHeadOffShowsTheEmbeddingChange() {
        AttentionTrace trace = env.model("minilm").trace(AttendPage.SEED, Capture.attention());
        int n = trace.queries();
        try (AttendPage p = AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("model", "minilm", "text", AttendPage.SEED,
                "view", "heads", "stat", "sep")))) {
            assertThat(p.page.getByTestId("head-cell").count()).isEqualTo(6 * 12);
            for (int[] lh : new int[][] {{0, 0}, {3, 7}, {5, 11}}) {
                double sep = 0, entropy = 0;
                for (int i = 0; i < n; i++) {
                    sep += trace.weight(lh[0], lh[1], i, n - 1);
                    for (int j = 0; j < n; j++) {
                        double w = trace.weight(lh[0], lh[1], i, j);
                        if (w > 0) entropy -= w * Math.log(w) / Math.log(2);
                    }
                }
                assertThat(Double.parseDouble(cell(p, lh[0], lh[1]).getAttribute("data-value"))).isCloseTo(sep / n, within(1e-5));
                p.select("head-stat", "entropy");
                assertThat(Double.parseDouble(cell(p, lh[0], lh[1]).getAttribute("data-value"))).isCloseTo(entropy / n, within(1e-4));
                p.select("head-stat", "sep");
            }

            p.rendering(() -> cell(p, 2, 5).click());
            p.rendering(() -> cell(p, 4, 1).press("Enter"));
            assertThat(p.fragmentValue("pruned")).isEqualTo("2.5,4.1");
            assertThat(cell(p, 4, 1).getAttribute("aria-pressed")).isEqualTo("true");
            assertThat(p.page.evaluate("() => document.activeElement.dataset.layer + '.' + document.activeElement.dataset.head"))
                    .as("focus stays on the switched head").isEqualTo("4.1");

            float[][] mask = new float[6][12];
            for (float[] layer : mask) java.util.Arrays.fill(layer, 1f);
            mask[2][5] = mask[4][1] = 0f;
            AttentionTrace pruned = env.model("minilm").trace(AttendPage.SEED, Capture.attention().withHeadMask(mask));
            float[] a = dev.attend.model.SentenceEmbeddings.of(trace, dev.attend.model.registry.Pooling.MEAN);
            float[] b = dev.attend.model.SentenceEmbeddings.of(pruned, dev.attend.model.registry.Pooling.MEAN);
            double cosine = 0;
            for (int c = 0; c < a.length; c++) cosine += (double) a[c] * b[c];
            assertThat(Double.parseDouble(p.page.getByTestId("prune-cosine").getAttribute("data-value"))).isCloseTo(cosine, within(1e-5));
            assertThat(p.page.getByTestId("change-cell").count()).isEqualTo(6 * 12);
            assertThat(p.page.locator("[data-testid=change-cell][data-layer=\"2\"][data-head=\"5\"]").textContent()).isEqualTo("off");
            p.screenshot("heads-view");

            p.rendering(() -> cell(p, 2, 5).click());
            assertThat(p.fragmentValue("pruned")).isEqualTo("4.1");
        }
    }

    private static com.microsoft.playwright.Locator cell(AttendPage p, int layer, int head) {
        return p.page.locator("[data-testid=head-cell][data-layer=\"" + layer + "\"][data-head=\"" + head + "\"]");
    }
}

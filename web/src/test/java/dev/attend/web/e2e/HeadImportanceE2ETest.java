package dev.attend.web.e2e;

import com.microsoft.playwright.Page;
import dev.attend.analysis.importance.ContrastiveImportance;
import dev.attend.analysis.importance.HeadImportance;
import dev.attend.analysis.importance.SentencePairs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Heads view's importance grid: analysis' ContrastiveImportance on the same sentences, and what it says it used. */
class HeadImportanceE2ETest {
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    @Test
    void theImportanceGridIsTheModelsHeadImportanceAndSaysWhatItWasComputedOn() {
        try (AttendPage p = AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("model", "minilm", "text", AttendPage.SEED,
                "view", "heads")))) {
            assertThat(p.page.getByTestId("importance-grid").count()).as("only when asked").isZero();
            p.page.getByTestId("importance-start").click();
            p.page.waitForSelector("[data-testid=importance-grid]", new Page.WaitForSelectorOptions().setTimeout(120_000));
            HeadImportance expected = ContrastiveImportance.compute(env.model("minilm"),
                    SentencePairs.sample(8, 1).importance().subList(0, 32), 8, 0.05, done -> { });
            assertThat(p.page.getByTestId("importance-cell").count()).isEqualTo(6 * 12);
            for (int[] lh : new int[][] {{0, 2}, {2, 8}, {5, 0}, {5, 11}}) {
                assertThat(Double.parseDouble(cell(p, lh[0], lh[1]).getAttribute("data-value")))
                        .isCloseTo(expected.normalised()[lh[0]][lh[1]], within(1e-5));
            }
            assertThat(p.page.getByTestId("importance-note").textContent()).contains("32 sentences").contains("Michel");
            p.screenshot("heads-importance-view");

            p.rendering(() -> cell(p, 0, 2).click()); // the importance grid switches heads off too
            assertThat(p.fragmentValue("pruned")).isEqualTo("0.2");
            p.page.waitForSelector("[data-testid=importance-grid]"); // asked once: shown again without the button
            assertThat(p.page.getByTestId("prune-cosine").isVisible()).isTrue();
        }
    }

    private static com.microsoft.playwright.Locator cell(AttendPage p, int layer, int head) {
        return p.page.locator("[data-testid=importance-cell][data-layer=\"" + layer + "\"][data-head=\"" + head + "\"]");
    }
}

package dev.attend.web.e2e;

import dev.attend.model.AttentionModel;
import dev.attend.web.PairCosine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Explain view: the cosine and a blank-out score as the page shows them against the engine run here, the
 * Spearman grid, the caption; one sentence asks for a second; flow on a long pair is refused in the page.
 */
class ExplainE2ETest {
    private static final String B = "A kitten rested on the rug";
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }


    private static double value(AttendPage p, String selector) {
        return Double.parseDouble(p.page.locator(selector).first().getAttribute("data-value"));
    }

    @Test
    void showsAttentionNextToAttributionWithTheCorrelationsAndTheCaveat() {
        AttentionModel minilm = env.model("minilm");
        try (AttendPage p = AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("model", "minilm",
                "text", AttendPage.SEED, "text_b", B, "view", "explain", "layer", "5")))) {
            double y = PairCosine.of(minilm, AttendPage.SEED, B);
            assertThat(value(p, "[data-testid=explain-value]")).isCloseTo(y, within(1e-5));
            double masked = PairCosine.of(minilm, AttendPage.SEED.replace("cat", "[MASK]"), B); // "cat" is token 2
            assertThat(value(p, "[data-testid=explain-table][data-sequence='0'] [data-testid=explain-cell][data-kind=blankout][data-index='2']"))
                    .isCloseTo(Math.abs(y - masked), within(1e-5));
            assertThat(p.page.locator("[data-testid=explain-table]").count()).isEqualTo(2);
            assertThat(p.page.locator("[data-testid=explain-table][data-sequence='1'] [data-testid=explain-token]").allTextContents())
                    .containsExactly("[CLS]", "a", "kitten", "rested", "on", "the", "rug", "[SEP]");
            assertThat(p.page.locator("[data-testid=spearman-grid][data-sequence='0'] [data-testid=spearman-cell]").count()).isEqualTo(3 * 2 * 6);
            double rho = value(p, "[data-testid=spearman-grid][data-sequence='0'] [data-testid=spearman-cell][data-kind=raw][data-attribution=blankout][data-layer='5']");
            assertThat(rho).isBetween(-1.0, 1.0);
            assertThat(p.page.getByTestId("caption").textContent()).contains("Jain & Wallace (2019)")
                    .contains("Abnar & Zuidema (2020)").contains("not mean the token mattered");
            p.screenshot("explain-view");
            p.select("layer", "0"); // rollout and flow equal raw attention's residual form at the first layer
            assertThat(p.page.locator("[data-testid=spearman-grid] th.chosen").first().textContent()).isEqualTo("L0");
        }
    }

    @Test
    void oneSentenceOffersASecondAndALongPairSaysFlowIsTooCostly() {
        try (AttendPage p = AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("model", "minilm",
                "text", AttendPage.SEED, "view", "explain")))) {
            assertThat(p.page.getByTestId("explain-needs-pair").isVisible()).isTrue();
            p.rendering(() -> p.page.getByTestId("explain-example").click());
            assertThat(p.page.getByTestId("text-b-input").inputValue()).isNotEmpty();
            assertThat(p.page.locator("[data-testid=explain-table]").count()).isEqualTo(2);
            assertThat(p.fragmentValue("text_b")).isNotEmpty();

            p.page.getByTestId("text-input").fill("word ".repeat(60).trim());
            p.page.getByTestId("run").click();
            p.page.waitForFunction("() => document.getElementById('stage').dataset.state === 'error'");
            assertThat(p.page.getByTestId("error").textContent()).contains("too costly");
        }
    }
}

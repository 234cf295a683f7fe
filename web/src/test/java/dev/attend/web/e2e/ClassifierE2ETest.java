package dev.attend.web.e2e;

import dev.attend.analysis.explain.AgreementExplainer;
import dev.attend.analysis.explain.ClassifierLogit;
import dev.attend.train.agreement.AgreementModel;
import dev.attend.train.model.Transformer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A classifier trained by `attend train --task agreement --quick`, served with --model-dir: the Heads view's prediction
 * before and after switching a head off, and the Explain view of its own sentence, against the checkpoint run here.
 */
class ClassifierE2ETest {
    private static final String TEXT = "the keys to the cabinet [VERB] here .";
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    @Test
    void switchingAHeadOffShowsThePredictionChangeAndExplainShowsTheLogit() {
        AgreementModel direct = AgreementModel.load(E2eEnvironment.AGREEMENT);
        try (AttendPage p = AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("model", E2eEnvironment.AGREEMENT_KEY,
                "text", TEXT, "view", "heads", "layer", "0")))) {
            assertThat(p.page.getByTestId("head-cell").count()).isEqualTo(6 * 2);
            p.rendering(() -> p.page.locator("[data-testid=head-cell][data-layer=\"5\"][data-head=\"1\"]").click());
            float[][] mask = {{1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 0}};
            for (String when : List.of("before", "after")) {
                Transformer t = direct.model();
                t.setHeadMask(when.equals("before") ? null : mask);
                float[] logits = t.forward(AgreementModel.batch(List.of(TEXT)));
                t.setHeadMask(null);
                int c = logits[1] > logits[0] ? 1 : 0;
                double probability = 1 / (1 + Math.exp(logits[1 - c] - logits[c]));
                var line = p.page.getByTestId("prune-prediction");
                assertThat(line.getAttribute("data-" + when)).isEqualTo(List.of("is", "are").get(c));
                assertThat(Double.parseDouble(line.getAttribute("data-" + when + "-probability"))).isCloseTo(probability, within(1e-5));
            }
            assertThat(p.page.getByTestId("prune-prediction").textContent()).startsWith("Prediction with every head");

            p.view("explain");
            ClassifierLogit.Explained e = new AgreementExplainer(direct).explain(TEXT);
            assertThat(Double.parseDouble(p.page.getByTestId("explain-value").getAttribute("data-value"))).isCloseTo(e.logit(), within(1e-5));
            assertThat(p.page.getByTestId("explain-value").textContent()).contains(List.of("is", "are").get(e.predicted()));
            assertThat(p.page.locator("[data-testid=explain-table]").count()).isEqualTo(1);
            assertThat(p.page.getByTestId("caption").textContent()).contains("Which words make the model predict");
            p.screenshot("explain-classifier-view");
        }
    }
}

package dev.attend.web.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Aggregate view: rows of mean, rollout and flow as lines and matrix, and flow refused on a long text. */
class AggregateE2ETest {
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    @Test
    void rolloutLinesSumToOneFlowShowsAsMatrixAndALongTextSaysFlowIsTooCostly() {
        try (AttendPage p = AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("model", "minilm", "text", AttendPage.SEED,
                "view", "aggregate", "agg", "rollout", "layer", "5", "token", "8")))) {
            List<AttendPage.Line> lines = p.lines();
            assertThat(lines).hasSize(12).allSatisfy(l -> assertThat(l.from()).isEqualTo(8));
            assertThat(lines.stream().mapToDouble(AttendPage.Line::weight).sum()).isCloseTo(1, within(1e-4));
            p.screenshot("aggregate-view");
            p.select("agg-kind", "flow");
            p.select("agg-show", "matrix");
            assertThat(p.page.getByTestId("matrix-view").getAttribute("data-kind")).isEqualTo("flow");
            assertThat(p.fragmentValue("agg")).isEqualTo("flow");

            p.page.getByTestId("text-input").fill("word ".repeat(60).trim());
            p.page.getByTestId("run").click();
            p.page.waitForFunction("() => document.getElementById('stage').dataset.state === 'error'");
            assertThat(p.page.getByTestId("error").textContent()).contains("too costly").contains("rollout");
            p.select("agg-kind", "rollout");
            assertThat(p.page.getByTestId("error").isVisible()).isFalse();
            assertThat(p.page.getByTestId("matrix-view").getAttribute("data-kind")).isEqualTo("rollout");
        }
    }
}

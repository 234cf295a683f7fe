package dev.attend.web.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Measures how long the views take to draw at 128 and 512 tokens; writes target/render-times.txt. */
class RenderTimesE2ETest {
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    private static AttendPage open(String model, int tokens, String view) {
        return AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("model", model,
                "text", E2eEnvironment.textOfTokens(tokens), "layer", "0", "head", "0", "token", "7", "view", view)));
    }

    private static void tab(AttendPage p, String view) {
        p.page.locator("[data-testid=view] [data-view=" + view + "]").click();
    }

    /** Times {@code action} (which causes one render) as the page and as the test see it. */
    private static void time(AttendPage p, String what, Runnable action) {
        long start = System.nanoTime();
        p.rendering(action);
        RenderTimes.record(what, p.renderMs(), (System.nanoTime() - start) / 1e6);
    }

    @Test
    void modelViewOfEveryHead() {
        for (String model : new String[] {"bge-small", "minilm"}) {
            try (AttendPage p = open(model, 128, "lines")) {
                time(p, "model view " + model + ", 128 tokens", () -> tab(p, "model"));
                var canvas = p.page.getByTestId("model-canvas");
                assertThat(canvas.getAttribute("data-painted")).isEqualTo(canvas.getAttribute("data-thumbnails"));
                if (model.equals("bge-small")) p.screenshot("model-view-bge-small-128");
            }
        }
    }

    @Test
    void lineMatrixAndPipelineViewsAt128And512Tokens() {
        for (int n : new int[] {128, 512}) {
            try (AttendPage p = open("minilm", n, "lines")) {
                time(p, "line view, one head, " + n + " tokens (new layer)", () -> p.page.getByTestId("layer").selectOption("3"));
                time(p, "line view, one head, " + n + " tokens (new query)", () -> p.token(9).click());
                assertThat(p.lines()).hasSize(n);
                time(p, "line view, 12 heads, " + n + " tokens", () -> p.page.getByTestId("multi-head").check());
                assertThat(p.lines()).hasSize(12 * n);
                if (n == 512) p.screenshot("line-view-multi-head-512", false);
                time(p, "matrix view, mean of 12 heads, " + n + " tokens", () -> tab(p, "matrix"));
                time(p, "matrix view, one head, " + n + " tokens", () -> p.page.getByTestId("head").selectOption("4"));
                if (n == 512) p.screenshot("matrix-view-512", false);
                time(p, "pipeline view, " + n + " tokens", () -> tab(p, "pipeline"));
                if (n == 128) p.screenshot("pipeline-view-128", false);
            }
        }
    }
}

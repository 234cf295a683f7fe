package dev.attend.web.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The model, matrix and pipeline views. */
class ViewsE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    private static String seedUrl(String model, String view, String layer, String head) {
        return "/#" + AttendPage.fragment(Map.of("model", model, "text", AttendPage.SEED, "layer", layer, "head", head,
                "token", "8", "view", view));
    }

    @Test
    void modelViewPaintsEveryHeadOfMiniLmAndBgeSmallAndOpensOneOnClick() {
        try (AttendPage p = AttendPage.open(env, seedUrl("minilm", "model", "5", "11"))) {
            assertThat(paintedThumbnails(p)).isEqualTo(6 * 12);
            p.screenshot("model-view-minilm");
        }
        try (AttendPage p = AttendPage.open(env, seedUrl("bge-small", "model", "0", "0"))) {
            assertThat(paintedThumbnails(p)).isEqualTo(12 * 12);
            // the window only: a full-page shot resizes the viewport, and the page redraws (a new canvas) 200 ms later
            p.screenshot("model-view-bge-small", false);

            var canvas = p.page.getByTestId("model-canvas");
            var box = canvas.boundingBox();
            int size = Integer.parseInt(canvas.getAttribute("data-thumb-size"));
            String[] origin = canvas.getAttribute("data-origin").split(",");
            int gap = Integer.parseInt(canvas.getAttribute("data-gap"));
            double x = box.x + Double.parseDouble(origin[0]) + 7 * (size + gap) + size / 2.0;
            double y = box.y + Double.parseDouble(origin[1]) + 3 * (size + gap) + size / 2.0;
            p.rendering(() -> p.page.mouse().click(x, y));
            assertThat(p.page.getByTestId("stage").getAttribute("data-view")).isEqualTo("lines");
            assertThat(p.fragmentValue("layer")).isEqualTo("3");
            assertThat(p.fragmentValue("head")).isEqualTo("7");
            assertThat(p.page.getByTestId("layer").inputValue()).isEqualTo("3");
        }
    }

    /** Thumbnails the page counts as painted, checked against the canvas: none is left blank white. */
    private static int paintedThumbnails(AttendPage p) {
        var canvas = p.page.getByTestId("model-canvas");
        int expected = Integer.parseInt(canvas.getAttribute("data-thumbnails"));
        assertThat(canvas.getAttribute("data-painted")).isEqualTo(String.valueOf(expected));
        Object blank = p.page.evaluate("c => { const s = Number(c.dataset.thumbSize), gap = Number(c.dataset.gap);"
                + "const [x0, y0] = c.dataset.origin.split(',').map(Number); const r = c.width / c.clientWidth;"
                + "const g = c.getContext('2d'); let blank = 0, n = 0;"
                + "for (let y = y0; y + s <= c.clientHeight; y += s + gap) for (let x = x0; x + s <= c.clientWidth; x += s + gap) {"
                + "  n++; const d = g.getImageData(Math.round((x + 2) * r), Math.round((y + 2) * r), Math.round((s - 4) * r), Math.round((s - 4) * r)).data;"
                + "  let white = true; for (let k = 0; k < d.length; k += 4) if (d[k] < 250 || d[k + 1] < 250 || d[k + 2] < 250) { white = false; break; }"
                + "  if (white) blank++; }"
                + "return [n, blank]; }", canvas.elementHandle());
        List<?> counts = (List<?>) blank;
        assertThat(((Number) counts.get(1)).intValue()).as("blank thumbnails").isZero();
        return ((Number) counts.get(0)).intValue();
    }

    @Test
    void matrixRowSelectsTheQueryTokenOfTheLineView() {
        try (AttendPage p = AttendPage.open(env, seedUrl("minilm", "matrix", "5", "11"))) {
            assertThat(p.page.getByTestId("matrix-selected-row").getAttribute("data-unit")).isEqualTo("8");
            p.screenshot("matrix-view-seed");
            p.clickToken(2);
            assertThat(p.page.getByTestId("matrix-selected-row").getAttribute("data-unit")).isEqualTo("2");
            assertThat(p.fragmentValue("token")).isEqualTo("2");
            p.view("lines");
            assertThat(p.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.from()).isEqualTo(2));
        }
    }

    @Test
    void pipelineWeightedSumFromTheDisplayedWeightsAndValuesEqualsTheModelsContextVector() throws Exception {
        try (AttendPage p = AttendPage.open(env, seedUrl("minilm", "pipeline", "5", "11"))) {
            AttentionTrace trace = env.model("minilm").trace(AttendPage.SEED, Capture.attention().withVectors());
            int n = trace.queries(), d = trace.headDim(), layer = 5, head = 11, query = 8;
            float[] context = trace.vectors().context()[layer];

            var rows = p.page.getByTestId("pipeline-row");
            assertThat(rows.count()).isEqualTo(n);
            double[] sum = new double[d];
            for (int j = 0; j < n; j++) {
                double w = Double.parseDouble(rows.nth(j).getAttribute("data-weight"));
                assertThat(w).isCloseTo(trace.weight(layer, head, query, j), within(1e-6));
                double[] v = JSON.readValue(rows.nth(j).getAttribute("data-value"), double[].class);
                for (int c = 0; c < d; c++) sum[c] += w * v[c];
            }
            double[] shown = JSON.readValue(p.page.getByTestId("weighted-sum").getAttribute("data-values"), double[].class);
            assertThat(shown).hasSize(d);
            for (int c = 0; c < d; c++) {
                double model = context[(head * n + query) * d + c];
                assertThat(sum[c]).as("sum of displayed w·v, entry %d", c).isCloseTo(model, within(1e-5));
                assertThat(shown[c]).as("displayed weighted sum, entry %d", c).isCloseTo(model, within(1e-5));
            }
            assertThat(Double.parseDouble(p.page.getByTestId("pipeline-check").getAttribute("data-difference"))).isLessThan(1e-5);
            p.screenshot("pipeline-view-seed");
        }
    }
}

package dev.attend.web.e2e;

import com.microsoft.playwright.Locator;
import dev.attend.web.TrainingRunFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Training view over a real short training run with more than 50 snapshots, written by train's ProbeRecorder. */
class TrainingE2ETest {
    private static final int SNAPSHOTS = 61; // steps 0..60
    private static final int LAYER = 1;
    private static final int HEAD = 1;
    private static final double HALF = 1.0 / 4096; // float16 rounding of a weight in [0, 1]
    private static E2eEnvironment env;
    private static TrainingRunFixture run;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
        run = new TrainingRunFixture(E2eEnvironment.RUNS.resolve("coref"), SNAPSHOTS);
    }

    private static AttendPage openRun() {
        return AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("view", "training", "run", "coref", "probe", "0",
                "run_layer", String.valueOf(LAYER), "run_head", String.valueOf(HEAD))));
    }

    @Test
    void scrubbingThroughEverySnapshotShowsWhatTheModelComputedThen() {
        try (AttendPage p = openRun()) {
            Locator scrubber = p.page.getByTestId("scrubber");
            assertThat(scrubber.getAttribute("max")).isEqualTo(String.valueOf(SNAPSHOTS - 1));
            assertThat(p.page.getByTestId("step-readout").textContent()).contains("step 60");
            int pronoun = run.probes.get(0).pronoun(), antecedent = run.probes.get(0).antecedent();
            assertThat(p.page.getByTestId("matrix-selected-row").getAttribute("data-unit")).isEqualTo(String.valueOf(pronoun));
            assertShows(p, SNAPSHOTS - 1, pronoun);
            p.screenshot("training-view");

            scrubber.focus();
            frame(p, () -> p.page.keyboard().press("Home"));
            assertShows(p, 0, pronoun);
            for (int s = 1; s < SNAPSHOTS; s++) {
                frame(p, () -> p.page.keyboard().press("ArrowRight"));
                assertThat(training(p).getAttribute("data-index")).isEqualTo(String.valueOf(s));
                assertThat(p.page.getByTestId("chart-marker").getAttribute("data-index")).isEqualTo(String.valueOf(s));
                if (s % 15 == 0) assertShows(p, s, pronoun);
            }
            double[] times = Arrays.stream(training(p).getAttribute("data-frame-times").split(","))
                    .mapToDouble(Double::parseDouble).toArray();
            assertThat(times.length).isGreaterThanOrEqualTo(SNAPSHOTS);
            double mean = Arrays.stream(times).skip(times.length - SNAPSHOTS).average().orElseThrow();
            double max = Arrays.stream(times).skip(times.length - SNAPSHOTS).max().orElseThrow();
            RenderTimes.record("training view: one frame (line + matrix + marker), mean of " + SNAPSHOTS, mean, mean);
            RenderTimes.record("training view: one frame, slowest of " + SNAPSHOTS, max, max);
            assertThat(p.fragmentValue("step")).isEqualTo(String.valueOf(SNAPSHOTS - 1));
            assertThat(p.page.getByTestId("key").nth(antecedent).locator("text").first().getAttribute("font-weight"))
                    .as("the antecedent is marked").isEqualTo("700");
        }
    }

    @Test
    void clickingTheCurveJumpsThereAndPlayRunsToTheEnd() {
        try (AttendPage p = openRun()) {
            Locator chart = p.page.getByTestId("loss-chart");
            double[] xs = numbers(chart.getAttribute("data-x-range"));
            double[] steps = numbers(chart.getAttribute("data-step-range"));
            var box = chart.boundingBox();
            double x = box.x + xs[0] + (30 - steps[0]) / (steps[1] - steps[0]) * (xs[1] - xs[0]);
            frame(p, () -> p.page.mouse().click(x, box.y + box.height / 2));
            assertThat(p.page.getByTestId("scrubber").inputValue()).isEqualTo("30");
            assertThat(p.page.getByTestId("chart-marker").getAttribute("data-step")).isEqualTo("30");
            assertThat(p.fragmentValue("step")).isEqualTo("30");
            assertShows(p, 30, run.probes.get(0).pronoun());

            p.page.getByTestId("scrubber").focus();
            frame(p, () -> p.page.keyboard().press("End"));
            for (int k = 0; k < 5; k++) frame(p, () -> p.page.keyboard().press("ArrowLeft"));
            p.page.getByTestId("play").click();
            p.page.waitForFunction("() => { const t = document.querySelector('[data-testid=training]');"
                    + "return t.dataset.index === '60' && document.querySelector('[data-testid=play]')"
                    + ".getAttribute('aria-pressed') === 'false'; }");
            assertShows(p, SNAPSHOTS - 1, run.probes.get(0).pronoun());
        }
    }

    @Test
    void aLinkRestoresTheRunProbeHeadStepAndQuery() {
        int query = 3;
        try (AttendPage p = AttendPage.open(env, "/#" + AttendPage.fragment(Map.of("view", "training", "run", "coref",
                "probe", "2", "run_layer", "0", "run_head", "0", "step", "17", "run_token", String.valueOf(query))))) {
            assertThat(training(p).getAttribute("data-step")).isEqualTo("17");
            assertThat(p.page.getByTestId("probe").inputValue()).isEqualTo("2");
            assertThat(p.page.getByTestId("run-layer").inputValue()).isEqualTo("0");
            List<AttendPage.Line> lines = p.lines();
            assertThat(lines).hasSize(run.probes.get(2).words().size()).allSatisfy(l -> {
                assertThat(l.from()).isEqualTo(query);
                assertThat(l.weight()).isCloseTo(run.weight(17, 2, 0, 0, query, l.to()), within(HALF));
            });
            p.rendering(() -> p.page.locator("[data-testid=training-lines] [data-testid=token][data-index=\"5\"]").click());
            assertThat(p.fragmentValue("run_token")).isEqualTo("5");
            assertThat(p.page.getByTestId("matrix-selected-row").getAttribute("data-unit")).isEqualTo("5");
            p.view("lines");
            assertThat(p.page.getByTestId("text-input").isVisible()).as("the text views come back").isTrue();
        }
    }

    /** The line view's weights are the model's at snapshot s, from the query token. */
    private static void assertShows(AttendPage p, int s, int query) {
        List<AttendPage.Line> lines = p.lines();
        assertThat(lines).hasSize(run.probes.get(0).words().size());
        for (AttendPage.Line l : lines) {
            assertThat(l.from()).isEqualTo(query);
            assertThat(l.weight()).as("snapshot %d, %d → %d", s, query, l.to())
                    .isCloseTo(run.weight(s, 0, LAYER, HEAD, query, l.to()), within(HALF));
        }
    }

    private static Locator training(AttendPage p) {
        return p.page.getByTestId("training");
    }

    /** Runs {@code action} and waits until the view has drawn (and painted) one more frame. */
    private static void frame(AttendPage p, Runnable action) {
        Object before = p.page.evaluate("() => Number(document.querySelector('[data-testid=training]').dataset.frames || 0)");
        action.run();
        p.page.waitForFunction("n => Number(document.querySelector('[data-testid=training]').dataset.frames || 0) > n", before);
    }

    private static double[] numbers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}

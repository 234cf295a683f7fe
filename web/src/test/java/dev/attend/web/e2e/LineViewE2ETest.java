package dev.attend.web.e2e;

import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The line view and multi-head mode on real model output. */
class LineViewE2ETest {
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    @Test
    void itLooksAtCatInLayer5Head11AndThatLineIsThickest() {
        try (AttendPage p = AttendPage.open(env, "/")) {
            p.run(AttendPage.SEED, null);
            p.select("layer", "5");
            p.select("head", "11");
            p.clickToken(8); // [CLS] the cat sat on the mat because it ...
            assertThat(p.token(8).textContent()).isEqualTo("it");

            List<AttendPage.Line> lines = p.lines();
            assertThat(lines).hasSize(12).allSatisfy(l -> assertThat(l.from()).isEqualTo(8));
            AttendPage.Line heaviest = lines.stream().max(Comparator.comparingDouble(AttendPage.Line::weight)).orElseThrow();
            assertThat(p.keyLabel(heaviest.to())).isEqualTo("cat");
            double thickest = lines.stream().mapToDouble(AttendPage.Line::strokeWidth).max().orElseThrow();
            assertThat(heaviest.strokeWidth()).isEqualTo(thickest);
            assertThat(lines.stream().filter(l -> l != heaviest)).allSatisfy(l -> assertThat(l.strokeWidth()).isLessThan(thickest));

            AttentionTrace trace = env.model("minilm").trace(AttendPage.SEED, Capture.attention());
            for (AttendPage.Line l : lines) {
                assertThat(l.weight()).isCloseTo(trace.weight(5, 11, 8, l.to()), within(1e-6));
            }
            assertThat(lines.stream().mapToDouble(AttendPage.Line::weight).sum()).isCloseTo(1.0, within(1e-5));
            p.page.locator("[data-testid=key][data-unit=\"2\"]").hover();
            assertThat(p.page.locator("#tooltip").textContent()).contains(String.format(java.util.Locale.ROOT, "%.5f", heaviest.weight()));
            assertThat(p.page.getByTestId("caption").textContent()).contains("“it”").contains("“cat”");
            p.screenshot("line-view-seed");
        }
    }

    @Test
    void multiHeadModeDrawsTwelveHeadsInTwelveColoursAndSwatchesToggleAndSolo() {
        String url = "/#" + AttendPage.fragment(java.util.Map.of("model", "minilm", "text", AttendPage.SEED,
                "layer", "5", "head", "11", "token", "8", "view", "lines"));
        try (AttendPage p = AttendPage.open(env, url)) {
            p.check("multi-head", true);
            List<AttendPage.Line> lines = p.lines();
            assertThat(lines).hasSize(12 * 12);
            assertThat(lines.stream().map(AttendPage.Line::head).collect(Collectors.toSet())).hasSize(12);
            assertThat(lines.stream().map(AttendPage.Line::stroke).collect(Collectors.toSet())).hasSize(12);
            assertThat(lines.stream().collect(Collectors.groupingBy(AttendPage.Line::head,
                    Collectors.mapping(AttendPage.Line::stroke, Collectors.toSet()))).values())
                    .allSatisfy(colours -> assertThat(colours).hasSize(1));
            assertThat(p.fragmentValue("head")).isEqualTo("all");
            p.screenshot("line-view-multi-head");

            p.rendering(() -> p.page.locator("[data-testid=head-swatch][data-head=\"3\"]").click());
            assertThat(p.lines().stream().map(AttendPage.Line::head).collect(Collectors.toSet())).hasSize(11).doesNotContain(3);

            // a double-click is two clicks (3 back on, then off) and then the solo
            p.rendering(() -> p.page.locator("[data-testid=head-swatch][data-head=\"5\"]").dblclick());
            assertThat(p.lines().stream().map(AttendPage.Line::head).collect(Collectors.toSet())).isEqualTo(Set.of(5));
            assertThat(p.fragmentValue("heads")).isEqualTo("5");
        }
    }

    @Test
    void wordModeMergesPiecesAndRowsStillSumToOneAndSpecialTokensCanBeHidden() {
        String text = "Tokenizers split unbelievably rare words";
        try (AttendPage p = AttendPage.open(env, "/")) {
            p.run(text, null);
            List<String> pieces = p.tokenLabels();
            assertThat(pieces).anySatisfy(t -> assertThat(t).startsWith("##"));

            p.check("words", true);
            List<String> words = p.tokenLabels();
            assertThat(words).containsExactly("[CLS]", "Tokenizers", "split", "unbelievably", "rare", "words", "[SEP]");
            assertThat(sum(p.lines())).isCloseTo(1.0, within(1e-5));
            // data-index stays a token index: "unbelievably" starts at the token after "split"
            int split = pieces.indexOf("split");
            assertThat(p.page.locator("[data-testid=stage] [data-testid=token]").nth(3).getAttribute("data-index"))
                    .isEqualTo(String.valueOf(split + 1));
            p.screenshot("line-view-words");

            p.select("special", "hide");
            assertThat(p.tokenLabels()).containsExactly("Tokenizers", "split", "unbelievably", "rare", "words");
            assertThat(sum(p.lines())).isLessThan(0.999);

            assertThat(p.page.getByTestId("row-total").textContent()).isNotEqualTo("Σ 100.0%");

            p.select("special", "renorm");
            assertThat(sum(p.lines())).isCloseTo(1.0, within(1e-5));
            assertThat(p.page.getByTestId("row-total").textContent()).isEqualTo("Σ 100.0%");
        }
    }

    @Test
    void sentencePairUsesTokenTypesAndFiltersSegmentPairs() {
        try (AttendPage p = AttendPage.open(env, "/")) {
            p.run("The cat sat on the mat.", "It was tired.");
            List<String> labels = p.tokenLabels();
            assertThat(labels).containsExactly("[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]",
                    "it", "was", "tired", ".", "[SEP]");
            assertThat(p.page.getByTestId("pairs").isVisible()).isTrue();
            p.clickToken(2); // "cat", segment A
            p.check("pair-AA", false);
            List<AttendPage.Line> lines = p.lines();
            assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.to()).isGreaterThanOrEqualTo(9));
            assertThat(p.fragmentValue("pairs")).isEqualTo("AB,BA,BB");
            p.screenshot("line-view-pair-a-to-b");
        }
    }

    @Test
    void linesBelowTheThresholdAreLeftOutAndTheCaptionSaysSo() {
        String url = "/#" + AttendPage.fragment(java.util.Map.of("model", "minilm", "text", AttendPage.SEED,
                "layer", "5", "head", "11", "token", "8"));
        try (AttendPage p = AttendPage.open(env, url)) {
            p.select("min", "0.05");
            List<AttendPage.Line> lines = p.lines();
            assertThat(lines).isNotEmpty().hasSizeLessThan(12).allSatisfy(l -> assertThat(l.weight()).isGreaterThanOrEqualTo(0.05));
            assertThat(p.page.getByTestId("caption").textContent()).contains("Lines below 5.0% are not drawn");
        }
    }

    private static double sum(List<AttendPage.Line> lines) {
        return lines.stream().mapToDouble(AttendPage.Line::weight).sum();
    }
}

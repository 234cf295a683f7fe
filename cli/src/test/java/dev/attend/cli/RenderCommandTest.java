package dev.attend.cli;

import dev.attend.web.export.HeadlessChromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** attend render: the format from the file name, checked indices, and one file of each kind. */
class RenderCommandTest {
    private static final String SEED = "The cat sat on the mat because it was tired";

    private static void assertRejected(CliRun run, String messagePart) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("attend: ").contains(messagePart).doesNotContain("Exception");
    }

    @Test
    void anUnknownExtensionOrIndexIsRejectedInOneLine(@TempDir Path dir) {
        assertRejected(CliRun.of("render", "--out", dir.resolve("view.pdf").toString(), SEED), ".html, .svg or .png");
        String html = dir.resolve("view.html").toString();
        assertRejected(CliRun.of("render", "--out", html, "--token", "12", SEED), "--token 12 is out of range: there are 12 tokens");
        assertRejected(CliRun.of("render", "--out", html, "--layer", "6", SEED), "--layer 6 is out of range");
        assertRejected(CliRun.of("render", "--out", html, "--head", "x", SEED), "--head x is not a number");
        assertThat(Files.exists(dir.resolve("view.html"))).isFalse();
    }

    @Test
    void writesTheHtmlWithItsProvenance(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("view.html");
        CliRun run = CliRun.of("render", "--out", html.toString(), "--layer", "5", "--head", "11", "--token", "8", SEED);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().strip().lines()).containsExactly("attend: wrote " + html + " (all-MiniLM-L6-v2, layer 5, head 11, token 8)");
        assertThat(Files.readString(html)).contains("\"modelName\":\"all-MiniLM-L6-v2\"").contains("\"text\":\"" + SEED + "\"")
                .contains("\"layer\":5,\"head\":11");
    }

    @Test
    void drawsTheSvgInChromium(@TempDir Path dir) throws Exception {
        if (HeadlessChromium.locate().isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("CI needs Chromium");
            Assumptions.abort("attend render --out *.svg needs Chromium (apt-get install chromium)");
        }
        Path svg = dir.resolve("view.svg");
        CliRun run = CliRun.of("render", "--out", svg.toString(), "--head", "all", "--pair", "On the mat.", "Where is the cat?");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("data-head=\"11\"").contains("text b: On the mat.");
    }
}

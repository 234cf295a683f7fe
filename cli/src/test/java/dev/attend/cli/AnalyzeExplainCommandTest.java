package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeExplainCommandTest {

    @Test
    void writesSpearmanPerLayerCsvAndPictures(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("pairs.tsv");
        Files.writeString(input, "A cat is sleeping on the sofa.\tA kitten rests on the couch.\n\n"
                + "The train was delayed by heavy snow.\tSnow held up the train for an hour.\n");
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("analyze", "explain", "--input", input.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.get("sequences").asInt()).isEqualTo(4);
        assertThat(json.at("/settings/pairs").asInt()).isEqualTo(2);
        for (String method : new String[] {"raw", "rollout", "flow"}) {
            JsonNode perLayer = json.at("/spearman/" + method + "/blankout");
            assertThat(perLayer.size()).isEqualTo(6);
            for (JsonNode rho : perLayer) assertThat(rho.asDouble()).isBetween(-1.0, 1.0);
        }
        assertThat(json.at("/spearman/flow/blankout/0").asDouble()).as("flow = rollout after layer 1")
                .isEqualTo(json.at("/spearman/rollout/blankout/0").asDouble());
        assertThat(Files.readAllLines(out.resolve("spearman.csv"))).hasSize(1 + 3 * 2 * 6)
                .first().isEqualTo("method,attribution,layer,spearman,sequences,skipped");
        assertThat(out.resolve("spearman-blankout.png")).isNotEmptyFile();
        assertThat(out.resolve("spearman-blankout.svg")).isNotEmptyFile();
        assertThat(out.resolve("spearman-gradxinput.png")).isNotEmptyFile();
        assertThat(json.at("/spearman/flow/gradxinput").size()).isEqualTo(6);
    }

    @Test
    void badInputExitsWithTwoAndOneLine(@TempDir Path dir) throws IOException {
        Path noTab = dir.resolve("bad.tsv");
        Files.writeString(noTab, "one\ttwo\nonly one sentence\n");
        CliRun run = CliRun.of("analyze", "explain", "--input", noTab.toString(), "--out", dir.resolve("o").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).contains("line 2 is not two sentences separated by one tab").doesNotContain("\n");

        Path longOne = dir.resolve("long.tsv");
        Files.writeString(longOne, "word ".repeat(60) + "\tshort one\n");
        run = CliRun.of("analyze", "explain", "--input", longOne.toString(), "--out", dir.resolve("o").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("line 1").contains("use at most 41 tokens");

        Path longSecond = dir.resolve("long-second.tsv");
        Files.writeString(longSecond, "A cat sleeps.\tA kitten naps.\n" + "word ".repeat(60) + "\tshort one\n");
        run = CliRun.of("analyze", "explain", "--input", longSecond.toString(), "--out", dir.resolve("o").toString());
        run.assertRejected("line 2"); // refused before line 1 is explained: no progress bar on stderr, one line
        assertThat(run.err()).contains("use at most 41 tokens");

        Path file = Files.writeString(dir.resolve("file"), "x");
        run = CliRun.of("analyze", "explain", "--out", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is a file");

        run = CliRun.of("analyze", "explain", "--input", dir.resolve("missing.tsv").toString(), "--out", dir.resolve("o").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file");
    }
}

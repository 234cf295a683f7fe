package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HeadsRolesCommandTest {

    @Test
    void wordLevelJsonWithRolesAndAHeatmapPerStatistic(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("corpus.txt");
        Files.writeString(input, "The playwright's tokenization works, surprisingly.\nIt was tired!\n");
        Path plots = dir.resolve("plots");
        CliRun run = CliRun.of("heads", "--words", "--input", input.toString(), "--format", "json", "--plots", plots.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("level").asText()).isEqualTo("words");
        JsonNode first = json.get("heads").get(0);
        for (String field : new String[] {"punct", "confidence", "argmax_prev", "argmax_next", "roles"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        for (String s : new String[] {"entropy", "cls", "sep", "punct", "self", "prev", "next", "confidence", "argmax-prev", "argmax-next"}) {
            assertThat(plots.resolve("heads-" + s + ".png")).isNotEmptyFile();
            assertThat(plots.resolve("heads-" + s + ".svg")).isNotEmptyFile();
        }
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRun bad = CliRun.of("heads", "--input", input.toString(), "--plots", file.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("is a file");
    }
}

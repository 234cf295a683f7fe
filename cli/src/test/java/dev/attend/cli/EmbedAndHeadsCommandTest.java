package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbedAndHeadsCommandTest {

    private static double dot(JsonNode a, JsonNode b) {
        double s = 0;
        for (int k = 0; k < a.size(); k++) s += a.get(k).asDouble() * b.get(k).asDouble();
        return s;
    }

    @Test
    void embedGivesUnitVectorsThatKnowSimilarSentences() throws IOException {
        CliRun run = CliRun.of("embed", "A cat sits on the mat.", "A kitten is sitting on a rug.", "Stock prices fell sharply today.");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("name").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(json.get("pooling").asText()).isEqualTo("mean");
        assertThat(json.get("dimension").asInt()).isEqualTo(384);
        JsonNode e = json.get("embeddings");
        assertThat(e.size()).isEqualTo(3);
        for (JsonNode v : e) assertThat(dot(v, v)).isCloseTo(1.0, within(1e-5));
        assertThat(dot(e.get(0), e.get(1))).isGreaterThan(dot(e.get(0), e.get(2)) + 0.3);
    }

    @Test
    void embedReadsAFileAndWritesNpy(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "first line\nsecond line\n");
        Path out = dir.resolve("e.npy");
        CliRun run = CliRun.of("embed", "--model", "bge-small", "--input", input.toString(), "--format", "npy", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] bytes = Files.readAllBytes(out);
        String header = new String(bytes, 10, 118, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(header).contains("'shape': (2, 384)");
        assertThat(bytes.length).isEqualTo(128 + 2 * 384 * 4);
    }

    @Test
    void embedRejectsEmptyLinesAndAmbiguousSources(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "first\n\nthird\n");
        CliRun empty = CliRun.of("embed", "--input", input.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("line 2 is empty");
        CliRun both = CliRun.of("embed", "--input", input.toString(), "text");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err().strip().lines()).hasSize(1);
    }

    @Test
    void headsJsonHasEveryHead(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("corpus.txt");
        Files.writeString(input, "The cat sat on the mat.\n\nIt was tired.\n");
        CliRun run = CliRun.of("heads", "--input", input.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("lines").asInt()).isEqualTo(2);
        assertThat(json.get("empty_lines").asInt()).isEqualTo(1);
        assertThat(json.get("heads").size()).isEqualTo(72);
        JsonNode first = json.get("heads").get(0);
        for (String field : new String[] {"layer", "head", "entropy", "cls", "sep", "self", "prev", "next"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
    }

    @Test
    void headsTextTableAndBadInput(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("corpus.txt");
        Files.writeString(input, "The cat sat on the mat.\n");
        CliRun run = CliRun.of("heads", "--input", input.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("layer head").contains("prev-token head");
        Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', '\n', (byte) 0xFF, '\n'});
        CliRun bad = CliRun.of("heads", "--input", dir.resolve("bad.txt").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("line 2 is not valid UTF-8");
        CliRun missing = CliRun.of("heads", "--input", dir.resolve("nope.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        Files.writeString(dir.resolve("blank.txt"), "\n  \n");
        CliRun blank = CliRun.of("heads", "--input", dir.resolve("blank.txt").toString());
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("no non-empty lines");
    }
}

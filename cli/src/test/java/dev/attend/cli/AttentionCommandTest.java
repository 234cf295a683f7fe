package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AttentionCommandTest {
    private static final String SENTENCE = "The cat sat on the mat because it was tired";

    @Test
    void jsonHasEveryLayerHeadAndRowAsDocumented() throws IOException {
        CliRun run = CliRun.of("attention", "--format", "json", SENTENCE);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("model").asText()).isEqualTo("minilm");
        assertThat(json.get("name").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(json.get("layers").asInt()).isEqualTo(6);
        assertThat(json.get("heads").asInt()).isEqualTo(12);
        JsonNode tokens = json.get("tokens");
        assertThat(tokens.get(0).asText()).isEqualTo("[CLS]");
        assertThat(tokens.get(8).asText()).isEqualTo("it");
        int n = tokens.size();
        JsonNode attention = json.get("attention");
        assertThat(attention.size()).isEqualTo(6);
        for (JsonNode layer : attention) {
            assertThat(layer.size()).isEqualTo(12);
            for (JsonNode head : layer) {
                assertThat(head.size()).isEqualTo(n);
                for (JsonNode row : head) {
                    assertThat(row.size()).isEqualTo(n);
                    double sum = 0;
                    for (JsonNode w : row) sum += w.asDouble();
                    assertThat(sum).isCloseTo(1.0, within(1e-5));
                }
            }
        }
        // layer 5, head 11: "it" (8) looks at "cat" (2)
        assertThat(attention.get(5).get(11).get(8).get(2).asDouble()).isCloseTo(0.68, within(0.02));
    }

    @Test
    void npyHoldsTheSameWeightsAsJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.npy");
        CliRun run = CliRun.of("attention", "--format", "npy", "--out", file.toString(), "Hello world");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(CliRun.of("attention", "--format", "json", "Hello world").out());
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'").contains("'shape': (6, 12, 4, 4)");
        assertThat((10 + headerLength) % 64).isZero();
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.remaining()).isEqualTo(6 * 12 * 4 * 4 * 4);
        // two separate runs: the vector reductions may round differently before and after JIT compilation
        for (int l = 0; l < 6; l++) for (int h = 0; h < 12; h++) for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) {
            assertThat((double) data.getFloat()).isCloseTo(json.get("attention").get(l).get(h).get(i).get(j).asDouble(), within(1e-6));
        }
    }

    @Test
    void textViewShowsTheChosenHeadAndStrongestKeys() {
        CliRun run = CliRun.of("attention", "--format", "text", "--layer", "5", "--head", "11", SENTENCE);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("layer 5 · head 11").containsPattern("it\\s+→ cat\\s+0\\.6\\d");
    }

    @Test
    void wordsMergePiecesAndKeepRowsSummingToOne() throws IOException {
        CliRun run = CliRun.of("attention", "--format", "json", "--words", "Tokenization is unbelievable");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("tokens").toString()).isEqualTo("[\"[CLS]\",\"tokenization\",\"is\",\"unbelievable\",\"[SEP]\"]");
        for (JsonNode row : json.get("attention").get(0).get(0)) {
            double sum = 0;
            for (JsonNode w : row) sum += w.asDouble();
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void helpTeachesWithExamples() {
        CliRun top = CliRun.of("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("attention").contains("Examples:");
        CliRun sub = CliRun.of("attention", "--help");
        assertThat(sub.out()).contains("--layer").contains("--words").contains("--format").contains("Examples:");
    }
}

package dev.attend.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input: exit code 2, one line on stderr saying what to do, nothing on stdout, no stack trace. */
class BadInputTest {

    private static void assertRejected(CliRun run, String messagePart) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("attend: ").contains(messagePart).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void emptyText() {
        assertRejected(CliRun.of("attention", ""), "empty");
    }

    @Test
    void whitespaceAndControlCharactersOnly() {
        assertRejected(CliRun.of("attention", " \t\n\u0007 "), "no words");
    }

    @Test
    void moreThan512Tokens() {
        assertRejected(CliRun.of("attention", "a ".repeat(600)), "at most 512");
    }

    @Test
    void unknownModelListsTheKnownOnes() {
        assertRejected(CliRun.of("attention", "--model", "gpt-5", "hi"), "minilm, bge-small");
    }

    @Test
    void missingModelFile(@TempDir Path dir) {
        assertRejected(CliRun.of("attention", "--model", dir.resolve("nothing.onnx").toString(), "hi"), "unknown model");
    }

    @Test
    void corruptModelFile(@TempDir Path dir) throws IOException {
        Path onnx = dir.resolve("broken.onnx");
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        Files.write(onnx, junk);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        CliRun run = CliRun.of("attention", "--model", onnx.toString(), "hi");
        assertRejected(run, "broken.onnx");
    }

    @Test
    void layerOutOfRange() {
        assertRejected(CliRun.of("attention", "--format", "text", "--layer", "6", "hi"), "--layer 6 is out of range");
    }

    @Test
    void headOutOfRange() {
        assertRejected(CliRun.of("attention", "--format", "text", "--head", "-1", "hi"), "--head -1 is out of range");
    }

    @Test
    void npyNeedsAFile() {
        assertRejected(CliRun.of("attention", "--format", "npy", "hi"), "--out");
    }

    @Test
    void unknownFormat() {
        assertRejected(CliRun.of("attention", "--format", "xml", "hi"), "--format");
    }

    @Test
    void missingText() {
        assertRejected(CliRun.of("attention"), "TEXT");
    }
}

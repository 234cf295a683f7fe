package dev.attend.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentCommandTest {

    private static void assertRejected(CliRun run, String messagePart) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("attend: ").contains(messagePart).doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void quickInductionWritesResultsPlotsAndSummary(@TempDir Path dir) {
        Path out = dir.resolve("induction");
        CliRun run = CliRun.of("experiment", "induction", "--quick", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("# Experiment: induction heads").contains("wrote " + out);
        assertThat(run.err()).contains("2 layers").contains("steps");
        assertThat(out.resolve("results.json")).isRegularFile();
        assertThat(out.resolve("repeated-accuracy.svg")).isRegularFile();
    }

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertRejected(CliRun.of("experiment", "coref", "--quick", "--out", file.toString()), "is a file");
        assertRejected(CliRun.of("experiment", "coref", "--quick", "--out", file.resolve("sub").toString()), "cannot create --out");
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/keep.txt"), "x");
        CliRun full = CliRun.of("experiment", "sqrt-d", "--quick", "--out", dir.resolve("full").toString());
        assertRejected(full, "is not empty");
        assertThat(full.err()).as("experiments have no --resume").doesNotContain("--resume");
        assertThat(CliRun.of("experiment", "coref", "--quick", "--out", file.toString()).err()).contains("results.json")
                .doesNotContain("checkpoints");
        assertRejected(CliRun.of("experiment", "sqrt-d", "--quick", "--model", "nonexistent-model", "--out",
                dir.resolve("new").toString()), "nonexistent-model");
        CliRun unknown = CliRun.of("experiment", "sorting", "--out", dir.resolve("x").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(CliRun.of("experiment").out()).contains("coref").contains("agreement").contains("induction").contains("sqrt-d");
        for (String command : new String[] {"coref", "agreement", "induction", "sqrt-d"}) {
            assertThat(CliRun.of("experiment", command, "--help").out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
        }
        assertThat(CliRun.of("experiment", "--help").out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    }
}

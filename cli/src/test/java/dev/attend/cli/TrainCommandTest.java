package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    private static void assertRejected(CliRun run, String messagePart) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("attend: ").contains(messagePart).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    /** A stopped reverse run has no accuracy_by_length and no probe files: the summary must not claim them. */
    @Test
    void summaryNamesProbeFilesOnlyWhenTheRunWroteThem(@TempDir Path out) throws IOException {
        JsonNode stopped = new ObjectMapper().readTree(
                "{\"task\": \"reverse\", \"interrupted\": true, \"checkpoint\": \"checkpoint-001410\"}");
        assertThat(TrainCommand.written(out, stopped))
                .isEqualTo("wrote " + out.resolve("metrics.json") + ", " + out.resolve("checkpoint-001410"));
        Files.writeString(out.resolve("probes.json"), "{}");
        assertThat(TrainCommand.written(out, stopped)).contains(out.resolve("probes.json") + " + probes.bin, ");
    }

    @Test
    void agreementRunPrintsAccuracyByAttractors(@TempDir Path dir) {
        CliRun run = CliRun.of("train", "--task", "agreement", "--quick", "--steps", "5", "--layers", "2", "--out",
                dir.resolve("run").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("agreement: test accuracy").contains("accuracy by attractors: 0: ")
                .contains("majority of nouns").contains("checkpoint-000005");
    }

    @Test
    void quickRunWritesMetricsProbesAndACheckpoint(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", "--task", "coref", "--quick", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("coref: test accuracy").contains("best head: layer").contains("checkpoint-000100");
        assertThat(run.err()).contains("train").contains("steps/s");
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String field : new String[] {"task", "arch", "layers", "steps", "seconds", "loss", "accuracy",
                "best_head_antecedent_accuracy", "nearest_noun_baseline"}) {
            assertThat(metrics.has(field)).as(field).isTrue();
        }
        assertThat(metrics.at("/best_head/layer").isInt()).isTrue();
        assertThat(out.resolve("probes.json")).isRegularFile();
        assertThat(out.resolve("checkpoint-000100").resolve("model.safetensors")).isRegularFile();

        CliRun again = CliRun.of("train", "--task", "coref", "--quick", "--out", out.toString());
        assertRejected(again, "is not empty");
        assertThat(new ObjectMapper().readTree(out.resolve("metrics.json").toFile())).isEqualTo(metrics);

        CliRun otherShape = CliRun.of("train", "--task", "coref", "--resume", out.toString(), "--layers", "3", "--steps", "120",
                "--out", dir.resolve("other").toString());
        assertRejected(otherShape, "has 2 layers, not --layers 3");
        assertThat(dir.resolve("other")).doesNotExist();

        Path broken = Files.createDirectories(dir.resolve("broken").resolve("checkpoint-000100"));
        try (var files = Files.list(out.resolve("checkpoint-000100"))) {
            for (Path f : files.toList()) Files.copy(f, broken.resolve(f.getFileName()));
        }
        Files.write(broken.resolve("model.safetensors"), new byte[] {1, 2, 3});
        CliRun corrupt = CliRun.of("train", "--task", "coref", "--resume", broken.toString(), "--steps", "120",
                "--out", dir.resolve("other").toString());
        assertRejected(corrupt, "model.safetensors");
        assertThat(dir.resolve("other")).doesNotExist();
    }

    @Test
    void unknownTaskAndArchitecture(@TempDir Path dir) {
        assertRejected(CliRun.of("train", "--task", "sorting", "--out", dir.resolve("a").toString()), "known tasks: coref");
        assertRejected(CliRun.of("train", "--task", "coref", "--arch", "lstm", "--out", dir.resolve("a").toString()), "transformer");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void nonPositiveSteps(@TempDir Path dir) {
        assertRejected(CliRun.of("train", "--task", "coref", "--steps", "0", "--out", dir.toString()), "--steps must be between 1");
        assertRejected(CliRun.of("train", "--task", "coref", "--steps", "-5", "--out", dir.toString()), "--steps must be between 1");
        assertRejected(CliRun.of("train", "--task", "coref", "--layers", "0", "--out", dir.toString()), "--layers must be between 1");
    }

    @Test
    void unwritableOut(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "keep me");
        assertRejected(CliRun.of("train", "--task", "coref", "--quick", "--out", file.toString()), "is a file");
        assertRejected(CliRun.of("train", "--task", "coref", "--quick", "--out", file.resolve("sub").toString()), "cannot create --out");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void corruptCheckpoint(@TempDir Path dir) throws IOException {
        Path checkpoint = Files.createDirectories(dir.resolve("checkpoint-000010"));
        Files.writeString(checkpoint.resolve("config.json"), "{\"model_type\": \"attend-transformer\", \"hidden_size\": ");
        Files.writeString(checkpoint.resolve("trainer_state.json"), "{}");
        Files.write(checkpoint.resolve("model.safetensors"), new byte[] {9, 9, 9});
        Files.write(checkpoint.resolve("optimizer.safetensors"), new byte[] {9, 9, 9});
        assertRejected(CliRun.of("train", "--task", "coref", "--resume", checkpoint.toString(), "--out", dir.resolve("out").toString()),
                "config.json is not valid JSON");
        Files.writeString(checkpoint.resolve("config.json"), "{\"model_type\": \"attend-transformer\"}");
        assertRejected(CliRun.of("train", "--task", "coref", "--resume", checkpoint.toString(), "--out", dir.resolve("out").toString()),
                "config.json has no integer vocab_size");
        assertRejected(CliRun.of("train", "--task", "coref", "--resume", dir.resolve("nothing").toString(), "--out",
                dir.resolve("out").toString()), "not a folder");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}

package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.checkpoint.TrainerState;
import dev.attend.train.TrainingTask;
import dev.attend.train.agreement.AgreementTask;
import dev.attend.train.coref.CorefTask;
import dev.attend.train.model.Transformer;
import dev.attend.train.optim.AdamW;
import dev.attend.train.optim.AdamWSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `attend analyze importance|prune`: outputs on MiniLM and on coref and agreement models trained here, and bad input. */
class AnalyzeCommandTest {
    private static final List<String> LINES = List.of("The cat slept on the warm windowsill all afternoon.",
            "A small boat drifted slowly across the quiet lake.", "The train to the coast leaves every hour.",
            "Rain tapped against the roof while we played cards.", "He forgot his umbrella at the bakery again.",
            "The children built a fort out of cushions.", "Fresh bread smells best early in the morning.",
            "She planted tomatoes along the side of the garden.");

    private static void assertRejected(CliRun run, String messagePart) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("attend: ").contains(messagePart).doesNotContain("Exception");
    }

    @Test
    void pruneOnMiniLmWritesTheCurveTheCsvAndThePictures(@TempDir Path dir) throws IOException {
        Path input = Files.write(dir.resolve("corpus.txt"), LINES);
        Path out = dir.resolve("prune");
        CliRun run = CliRun.of("analyze", "prune", "--input", input.toString(), "--batch", "2", "--random-orders", "1",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("most important heads").contains("wrote");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.path("metric_name").asText()).startsWith("top-1 retrieval");
        assertThat(results.path("curve")).hasSize(33);
        JsonNode first = results.path("curve").get(0);
        assertThat(first.path("order").asText()).isEqualTo("importance");
        assertThat(first.path("fraction_pruned").asDouble()).isZero();
        assertThat(first.path("drift").asDouble()).isZero();
        JsonNode last = results.path("curve").get(32);
        assertThat(last.path("order").asText()).isEqualTo("random");
        assertThat(last.path("fraction_pruned").asDouble()).isEqualTo(1.0);
        assertThat(last.path("metric_std").isNumber()).isTrue();
        assertThat(results.path("importance_used").path("importance")).hasSize(6);
        for (String file : List.of("prune.csv", "prune.png", "prune.svg", "prune-drift.png", "prune-drift.svg")) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(out.resolve("prune.csv"))).hasSize(34);
    }

    @ParameterizedTest
    @ValueSource(strings = {"coref", "agreement"})
    void importanceOfAModelTrainedHere(String taskName, @TempDir Path dir) throws IOException {
        // a checkpoint of the quick recipe's shape with its initial weights: what is analysed is the format, not skill
        Path runFolder = dir.resolve("run");
        TrainingTask task = taskName.equals("coref") ? CorefTask.of(true) : AgreementTask.of(true);
        Transformer model = new Transformer(task.model(2), 3);
        Checkpoint.save(runFolder, model, new AdamW(AdamWSettings.DEFAULT, model.parameters()),
                new TrainerState(taskName, "transformer", 1, 1, 3, true), task.vocabulary(), task.labels());
        Path out = dir.resolve("importance");
        CliRun run = CliRun.of("analyze", "importance", "--model", runFolder.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.path("task").asText()).isEqualTo(taskName);
        assertThat(results.path("loss").asText()).contains("cross-entropy (" + taskName + ")");
        assertThat(results.path("importance")).hasSize(2);
        assertThat(results.path("importance").get(0)).hasSize(2);
        for (String file : List.of("importance.csv", "importance.png", "importance.svg")) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        assertRejected(CliRun.of("analyze", "prune", "--model", runFolder.toString(), "--input", "x.txt", "--out",
                out.toString()), "drop --input");
    }

    @Test
    void badInput(@TempDir Path dir) throws IOException {
        String out = dir.resolve("out").toString();
        assertRejected(CliRun.of("analyze", "importance", "--input", dir.resolve("none.txt").toString(), "--out", out),
                "no such file");
        Path empty = Files.write(dir.resolve("empty-line.txt"), List.of("one two three", "", "four five six"));
        assertRejected(CliRun.of("analyze", "importance", "--input", empty.toString(), "--out", out), "line 2 is empty");
        Path few = Files.write(dir.resolve("few.txt"), LINES.subList(0, 3));
        assertRejected(CliRun.of("analyze", "prune", "--input", few.toString(), "--out", out), "at least 32");
        assertRejected(CliRun.of("analyze", "prune", "--batch", "1", "--out", out), "--batch must be at least 2");
        assertRejected(CliRun.of("analyze", "prune", "--random-orders", "0", "--out", out), "--random-orders");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertRejected(CliRun.of("analyze", "importance", "--out", file.toString()), "is a file");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}

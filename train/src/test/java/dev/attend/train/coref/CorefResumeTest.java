package dev.attend.train.coref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import dev.attend.train.TaskTraining;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import dev.attend.train.TrainingStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.attend.train.coref.CorefTrainingTest.quick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run stopped half-way (as by Ctrl-C) and resumed from its checkpoint continues exactly as if never stopped. */
class CorefResumeTest {
    private static final int STEPS = 16;

    /** Records each step's loss; stops the run after {@code stopAfter} steps (0: never). */
    private static final class Recorder implements TrainingProgress {
        final List<Double> losses = new ArrayList<>();
        private final int stopAfter;
        TaskTraining training;

        Recorder(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override public void started(int doneSteps, int totalSteps) {}

        @Override public void step(int doneSteps, TrainingStep.Result result, double stepsPerSecond) {
            losses.add(result.loss());
            if (doneSteps == stopAfter) training.requestStop();
        }

        @Override public void evaluating() {}
    }

    private static Recorder run(TrainOptions options, int stopAfter) {
        Recorder recorder = new Recorder(stopAfter);
        recorder.training = new TaskTraining(options);
        recorder.training.run(recorder);
        return recorder;
    }

    @Test
    void stoppedAndResumedRunMatchesAnUninterruptedOne(@TempDir Path straight, @TempDir Path interrupted) throws IOException {
        List<Double> uninterrupted = run(quick(straight, STEPS, null), 0).losses;

        List<Double> firstHalf = run(quick(interrupted, STEPS, null), 8).losses;
        assertThat(firstHalf).hasSize(8);
        JsonNode stopped = new JsonMapper().readTree(interrupted.resolve("metrics.json").toFile());
        assertThat(stopped.get("interrupted").asBoolean()).isTrue();
        assertThat(stopped.get("steps").asInt()).isEqualTo(8);
        assertThat(interrupted.resolve("checkpoint-000008")).isDirectory();

        List<Double> secondHalf = run(quick(interrupted, null, interrupted), 0).losses;
        List<Double> resumed = new ArrayList<>(firstHalf);
        resumed.addAll(secondHalf);
        assertThat(resumed).containsExactlyElementsOf(uninterrupted);
        assertThat(Files.readAllBytes(interrupted.resolve("probes.bin"))).isEqualTo(Files.readAllBytes(straight.resolve("probes.bin")));
        JsonNode finished = new JsonMapper().readTree(interrupted.resolve("metrics.json").toFile());
        assertThat(finished.get("interrupted").asBoolean()).isFalse();
        assertThat(finished.get("checkpoint").asText()).isEqualTo("checkpoint-000016");
    }

    @Test
    void badResumesAreRefusedBeforeAnythingIsWritten(@TempDir Path run, @TempDir Path elsewhere) throws IOException {
        run(quick(run, 4, null), 0);
        Path checkpoint = run.resolve("checkpoint-000004");
        Path fresh = elsewhere.resolve("new");
        assertThatThrownBy(() -> run(new TrainOptions("coref", "transformer", 3, 8, null, fresh, true, checkpoint), 0))
                .isInstanceOf(InputException.class).hasMessageContaining("has 2 layers, not --layers 3");
        assertThatThrownBy(() -> run(quick(fresh, 4, checkpoint), 0))
                .isInstanceOf(InputException.class).hasMessageContaining("at step 4 already");
        assertThatThrownBy(() -> run(new TrainOptions("coref", "transformer", null, 8, 5L, fresh, true, checkpoint), 0))
                .isInstanceOf(InputException.class).hasMessageContaining("--seed 1, not 5");

        String config = Files.readString(checkpoint.resolve("config.json"));
        Files.writeString(checkpoint.resolve("config.json"), config.replace("\"hidden_size\" : 32", "\"hidden_size\" : 48"));
        assertThatThrownBy(() -> run(quick(fresh, 8, checkpoint), 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("different shape");
        assertThat(fresh).doesNotExist();

        assertThatThrownBy(() -> run(quick(run, 8, null), 0))
                .isInstanceOf(InputException.class).hasMessageContaining("is not empty");
    }
}

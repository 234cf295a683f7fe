package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attend.model.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every experiment's --quick run end to end: results.json, CSV, PNG + SVG plots, summary.md, the runs. */
class ExperimentsQuickTest {

    private static JsonNode results(Path out) throws IOException {
        return new JsonMapper().readTree(out.resolve("results.json").toFile());
    }

    private static void assertPlots(Path out, String... names) {
        for (String name : names) {
            assertThat(out.resolve(name + ".png")).isNotEmptyFile();
            assertThat(out.resolve(name + ".svg")).isNotEmptyFile();
        }
        assertThat(out.resolve("summary.md")).isNotEmptyFile();
    }

    @Test
    void coref(@TempDir Path out) throws IOException {
        CorefExperiment.run(out, true, ExperimentProgress.NONE);
        JsonNode r = results(out);
        assertThat(r.get("experiment").asText()).isEqualTo("coref");
        assertThat(r.get("runs")).hasSize(1);
        assertThat(r.at("/runs/0/curve/loss")).hasSize(20);
        assertThat(r.get("heuristics").size()).isEqualTo(3);
        assertThat(r.get("heuristics_at_most_60_percent").asBoolean()).isTrue();
        assertThat(Files.readAllLines(out.resolve("curves.csv"))).hasSize(1 + 20);
        assertThat(out.resolve("runs/seed-1/metrics.json")).isRegularFile();
        assertPlots(out, "loss", "accuracy", "heads");
    }

    @Test
    void agreement(@TempDir Path out) throws IOException {
        AgreementExperiment.run(out, true, ExperimentProgress.NONE);
        JsonNode r = results(out);
        assertThat(r.at("/runs/0/accuracy_by_attractors").size()).isEqualTo(4);
        assertThat(r.get("heuristics").size()).isEqualTo(3);
        assertPlots(out, "loss", "accuracy", "attractors", "attractors-during-training", "heads");
    }

    @Test
    void induction(@TempDir Path out) throws IOException {
        InductionExperiment.run(out, true, ExperimentProgress.NONE);
        JsonNode r = results(out);
        assertThat(r.get("runs")).hasSize(2);
        assertThat(r.at("/runs/0/layers").asInt()).isEqualTo(1);
        assertThat(r.at("/runs/1/layers").asInt()).isEqualTo(2);
        for (JsonNode run : r.get("runs")) {
            assertThat(run.get("repeated_segment_accuracy").isNumber()).isTrue();
            assertThat(run.at("/tracked/repeated_segment_accuracy").size()).isEqualTo(run.at("/tracked/step").size()).isGreaterThan(1);
            assertThat(run.has("repeated_accuracy_50_percent_step")).isTrue();
            assertThat(run.at("/largest_training_loss_rise/rise").asDouble()).isGreaterThanOrEqualTo(0);
            for (String curve : List.of("loss", "repeated_segment_loss")) {
                JsonNode rise = run.at("/largest_held_out_" + curve + "_rise");
                assertThat(rise.get("rise").asDouble()).isGreaterThanOrEqualTo(0);
                assertThat(rise.get("to_step").asInt()).isGreaterThanOrEqualTo(rise.get("from_step").asInt());
            }
        }
        assertPlots(out, "repeated-accuracy", "loss", "head-scores", "previous-token", "prefix-matching");
    }

    @Test
    void sqrtD(@TempDir Path out) throws IOException {
        SqrtDExperiment.run(out, true, "minilm", ExperimentProgress.NONE);
        JsonNode r = results(out);
        JsonNode layers = r.at("/real_model/layers");
        assertThat(layers).hasSize(6);
        for (JsonNode layer : layers) {
            assertThat(layer.get("max_deviation").asDouble()).as("recomputed weights match the model's").isLessThan(1e-4);
            assertThat(layer.get("scaled_variance").asDouble() * r.at("/real_model/head_dim").asInt())
                    .isCloseTo(layer.get("raw_variance").asDouble(), org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        assertThat(r.get("training")).hasSize(4);
        assertThat(r.at("/training/1/scaled").asBoolean()).isFalse();
        assertPlots(out, "variance", "saturation", "entropy", "loss", "final-accuracy");
    }

    @Test
    void aNonEmptyOutIsRefusedBeforeAnyTraining(@TempDir Path out) throws IOException {
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> CorefExperiment.run(out, true, ExperimentProgress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("is not empty");
        assertThat(Files.list(out).count()).isEqualTo(1);
    }
}

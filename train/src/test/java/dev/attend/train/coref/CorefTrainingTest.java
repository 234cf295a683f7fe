package dev.attend.train.coref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attend.train.TaskTraining;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A quick run end to end: metrics.json, the probe snapshots and the last checkpoint. */
class CorefTrainingTest {

    static TrainOptions quick(Path out, Integer steps, Path resume) {
        return new TrainOptions("coref", "transformer", null, steps, null, out, true, resume);
    }

    @Test
    void quickRunWritesMetricsProbesAndACheckpoint(@TempDir Path out) throws IOException {
        new TaskTraining(quick(out, null, null)).run(TrainingProgress.NONE);

        JsonNode metrics = new JsonMapper().readTree(out.resolve("metrics.json").toFile());
        for (String field : new String[] {"task", "arch", "layers", "steps", "seconds", "loss", "accuracy",
                "best_head_antecedent_accuracy", "nearest_noun_baseline", "steps_per_second", "tokens_per_second"}) {
            assertThat(metrics.has(field)).as(field).isTrue();
        }
        assertThat(metrics.get("task").asText()).isEqualTo("coref");
        assertThat(metrics.get("layers").asInt()).isEqualTo(CorefRecipe.DEFAULT_LAYERS);
        assertThat(metrics.get("steps").asInt()).isEqualTo(CorefRecipe.quick().training().defaultSteps());
        assertThat(metrics.get("interrupted").asBoolean()).isFalse();
        assertThat(metrics.get("measured_on").asText()).isEqualTo("test");
        assertThat(metrics.at("/best_head/layer").asInt()).isBetween(0, CorefRecipe.DEFAULT_LAYERS - 1);
        assertThat(metrics.at("/best_head/head").asInt()).isBetween(0, CorefRecipe.quick().heads() - 1);
        assertThat(metrics.get("heuristics").size()).isEqualTo(Heuristic.values().length);
        assertThat(Files.isRegularFile(out.resolve(metrics.get("checkpoint").asText()).resolve("model.safetensors"))).isTrue();

        JsonNode index = new JsonMapper().readTree(out.resolve("probes.json").toFile());
        assertThat(index.get("snapshots").findValuesAsText("step")).containsExactly("0", "20", "40", "60", "80", "100");
        assertThat(index.at("/snapshots/0/loss").isNull()).isTrue();
        long snapshotBytes = index.get("snapshot_bytes").asLong();
        byte[] bin = Files.readAllBytes(out.resolve("probes.bin"));
        assertThat(bin.length).isEqualTo(6 * snapshotBytes);
        JsonNode probe = index.at("/probes/0");
        int n = probe.get("tokens").size();
        assertThat(probe.get("pronoun").asInt()).isLessThan(n);
        ByteBuffer last = ByteBuffer.wrap(bin, (int) (5 * snapshotBytes), (int) snapshotBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < index.get("layers").asInt() * index.get("heads").asInt() * n; row++) {
            double sum = 0;
            for (int key = 0; key < n; key++) sum += Float.float16ToFloat(last.getShort());
            assertThat(sum).as("attention row " + row + " of probe 0 sums to 1").isCloseTo(1, within(0.01));
        }
    }
}

package dev.attend.train.induction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attend.train.TaskTraining;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import dev.attend.train.checkpoint.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A quick induction run end to end: metrics with the head scores, tracked measurements in every probe snapshot. */
class InductionTrainingTest {

    @Test
    void quickRunWritesScoresAndTracksTheRepeatedSegment(@TempDir Path out) throws IOException {
        JsonNode m = new TaskTraining(new TrainOptions("induction", "transformer", null, null, null, out, true, null))
                .run(TrainingProgress.NONE);

        for (String field : new String[] {"repeated_segment_accuracy", "prefix_matching_score", "previous_token_score",
                "loss", "accuracy", "chance_loss"}) {
            assertThat(m.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(m.get("attention_only").asBoolean()).isTrue();
        assertThat(m.get("prefix_matching_layer").asInt()).isEqualTo(1);
        assertThat(m.get("previous_token_scores")).hasSize(2);
        assertThat(m.get("previous_token_score").asDouble()).isBetween(0.0, 1.0);
        assertThat(m.get("chance_loss").asDouble()).isEqualTo(Math.log(InductionRecipe.quick().data().vocabulary()));

        JsonNode index = new JsonMapper().readTree(out.resolve("probes.json").toFile());
        assertThat(index.get("snapshots")).hasSize(InductionRecipe.quick().training().defaultSteps()
                / InductionRecipe.quick().training().probeEvery() + 1);
        for (JsonNode snapshot : index.get("snapshots")) {
            assertThat(snapshot.at("/tracked/repeated_segment_accuracy").isNumber()).isTrue();
            assertThat(snapshot.at("/tracked/prefix_matching_score").isNumber()).isTrue();
        }
        assertThat(index.at("/probes/0/second_copy").asInt()).isGreaterThan(index.at("/probes/0/first_copy").asInt());

        Checkpoint.Saved saved = Checkpoint.read(out);
        assertThat(saved.config().hasMlp()).isFalse();
        assertThat(saved.config().causal()).isTrue();
        // word + position tables, their norm, per layer Q, K, V, O (weight + bias) and one norm (no MLP), classifier
        assertThat(Checkpoint.loadModel(saved).parameters()).hasSize(2 + 2 + 2 * (8 + 2) + 2);
    }
}

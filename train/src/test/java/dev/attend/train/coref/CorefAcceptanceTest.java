package dev.attend.train.coref;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.train.TaskTraining;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task's targets with the standard recipe (half a minute of training; not part of the default suite):
 * {@code ./mvnw -pl core,model,train test -Dtest=CorefAcceptanceTest -Dattend.train.full=true}.
 */
@EnabledIfSystemProperty(named = "attend.train.full", matches = "true")
class CorefAcceptanceTest {

    @Test
    void twoLayersLearnThePronounAndOneHeadPointsAtTheAntecedent(@TempDir Path out) {
        JsonNode m = new TaskTraining(new TrainOptions("coref", "transformer", null, null, null, out, false, null))
                .run(TrainingProgress.NONE);
        System.out.println(m.toPrettyString());
        assertThat(m.get("seconds").asDouble()).as("training seconds").isLessThanOrEqualTo(120);
        assertThat(m.get("accuracy").asDouble()).as("held-out test accuracy").isGreaterThanOrEqualTo(0.95);
        m.get("heuristics").forEach(h -> assertThat(h.asDouble()).isLessThanOrEqualTo(0.6));
        double head = m.get("best_head_antecedent_accuracy").asDouble();
        assertThat(head).as("best head, test").isGreaterThanOrEqualTo(0.8);
        assertThat(head - m.at("/best_heuristic/accuracy").asDouble()).isGreaterThanOrEqualTo(0.3);
    }
}

package dev.attend.train.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import dev.attend.train.TaskTraining;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import dev.attend.train.model.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A quick agreement run end to end, and the trained model loaded back for analysis. */
class AgreementTrainingTest {

    @Test
    void quickRunWritesMetricsAndALoadableModel(@TempDir Path out) throws IOException {
        AgreementModel trained = AgreementModel.train(out, 1, true);

        JsonNode m = new JsonMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("task").asText()).isEqualTo("agreement");
        assertThat(m.get("layers").asInt()).isEqualTo(AgreementRecipe.DEFAULT_LAYERS);
        assertThat(m.get("accuracy_by_attractors").size()).isEqualTo(AgreementGenerator.MAX_ATTRACTORS + 1);
        assertThat(m.get("heuristics").size()).isEqualTo(AgreementHeuristic.values().length);
        assertThat(m.at("/best_head/layer").asInt()).isBetween(0, AgreementRecipe.DEFAULT_LAYERS - 1);
        assertThat(m.get("head_subject_accuracy_validation")).hasSize(AgreementRecipe.DEFAULT_LAYERS);
        assertThat(out.resolve("probes.json")).isRegularFile();

        // the loaded model reproduces the run's test loss
        List<AgreementExample> test = AgreementData.test(AgreementRecipe.quick().testSize());
        assertThat(AgreementEvaluation.of(trained.model(), test).loss()).isEqualTo(m.get("loss").asDouble());
        assertThat(trained.checkpoint().getFileName().toString()).isEqualTo(m.get("checkpoint").asText());

        Batch batch = AgreementModel.batch(List.of("the key to the cabinets [VERB] here .", "the keys [VERB] red ."));
        assertThat(batch.readPositions()).containsExactly(5, 2);
        assertThat(trained.model().forward(batch)).hasSize(2 * AgreementLexicon.LABELS.size());
    }

    @Test
    void badSentencesAndForeignCheckpointsAreRefused(@TempDir Path coref) {
        assertThatThrownBy(() -> AgreementModel.batch(List.of("the key to the cabinets is here .")))
                .isInstanceOf(InputException.class).hasMessageContaining("exactly one [VERB]");
        assertThatThrownBy(() -> AgreementModel.batch(List.of("the unicorn [VERB] here .")))
                .isInstanceOf(InputException.class).hasMessageContaining("'unicorn' is not a word");
        new TaskTraining(new TrainOptions("coref", "transformer", null, 2, null, coref, true, null)).run(TrainingProgress.NONE);
        assertThatThrownBy(() -> AgreementModel.load(coref))
                .isInstanceOf(ModelException.class).hasMessageContaining("not agreement");
    }
}

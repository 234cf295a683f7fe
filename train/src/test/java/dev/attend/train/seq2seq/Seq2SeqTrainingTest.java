package dev.attend.train.seq2seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attend.model.ModelException;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.checkpoint.Seq2SeqConfigJson;
import dev.attend.train.layers.Parameter;
import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.TrainingStep;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Seq2SeqTrainingTest {

    private static TrainOptions options(String arch, Integer steps, Path out, Path resume) {
        return new TrainOptions("reverse", arch, null, steps, null, out, true, resume);
    }

    /** Greedy decoding feeds back its own tokens; teacher forcing on exactly those tokens must predict the same ones. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "gru-attn", "lstm", "lstm-attn", "transformer"})
    void greedyDecodingAgreesWithTeacherForcingOnItsOwnOutput(String arch) {
        Seq2SeqModel model = Seq2SeqRecipe.quick().model(arch, null).create(3);
        Seq2SeqBatch batch = SequenceData.training(SequenceTask.REVERSE, 5, 0, 4);
        int steps = batch.targetTokens(), v = model.config().vocabSize();
        int[][] decoded = model.greedy(batch, steps);
        int[] input = new int[batch.size() * steps];
        for (int b = 0; b < batch.size(); b++) {
            input[b * steps] = SequenceTask.BOS;
            System.arraycopy(decoded[b], 0, input, b * steps + 1, steps - 1);
        }
        Seq2SeqBatch fed = new Seq2SeqBatch(batch.size(), batch.source(), batch.sourceTokens(), batch.sourceLengths(), input,
                batch.targets(), steps);
        float[] logits = model.forward(fed);
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t < steps; t++) {
                assertThat(TrainingStep.argmax(logits, (b * steps + t) * v, v)).as("item %d step %d", b, t).isEqualTo(decoded[b][t]);
            }
        }
    }

    /** Every architecture fits three short reversals: the loss falls 20-fold and greedy decoding reverses. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "gru-attn", "lstm", "lstm-attn", "transformer"})
    void fitsShortReversals(String arch) {
        Seq2SeqModel model = new Seq2SeqConfig(arch, SequenceTask.VOCABULARY, 32, arch.equals("transformer") ? 2 : 1, 2, 6).create(1);
        List<Parameter> parameters = model.parameters();
        var optimizer = new dev.attend.train.optim.AdamW(dev.attend.train.optim.AdamWSettings.DEFAULT, parameters);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Seq2SeqBatch batch = SequenceData.batch(SequenceTask.REVERSE, List.of(new int[] {3, 4, 5, 6}, new int[] {7, 8, 9},
                new int[] {10, 11, 12, 13, 14}));
        double first = 0, last = 0;
        for (int step = 0; step < 150; step++) {
            parameters.forEach(Parameter::zeroGrad);
            double l = loss.forward(model.forward(batch), batch.targets(), SequenceTask.VOCABULARY);
            if (step == 0) first = l;
            last = l;
            model.backward(loss.backward());
            optimizer.step(parameters, arch.equals("transformer") ? 1e-3 : 1e-2);
        }
        assertThat(last).isLessThan(first / 20);
        int[][] decoded = model.greedy(batch, batch.targetTokens());
        assertThat(decoded[0]).startsWith(6, 5, 4, 3, SequenceTask.EOS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "gru-attn", "lstm", "lstm-attn", "transformer"})
    void quickRunWritesMetricsAndAResumableCheckpoint(String arch, @TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        JsonNode metrics = new Seq2SeqTraining(options(arch, 6, out, null)).run(TrainingProgress.NONE);
        assertThat(metrics.get("task").asText()).isEqualTo("reverse");
        assertThat(metrics.get("arch").asText()).isEqualTo(arch);
        assertThat(metrics.get("steps").asInt()).isEqualTo(6);
        assertThat(metrics.get("accuracy_by_length").size()).isEqualTo(7);
        assertThat(metrics.get("accuracy_by_length").has("36-40")).isTrue();
        assertThat(new ObjectMapper().readTree(out.resolve("metrics.json").toFile()))
                .isEqualTo(new ObjectMapper().readTree(metrics.toString()));
        Path checkpoint = Checkpoint.resolve(out);
        assertThat(checkpoint.getFileName().toString()).isEqualTo("checkpoint-000006");
        assertThat(new ObjectMapper().readTree(checkpoint.resolve("config.json").toFile()).get("model_type").asText())
                .isEqualTo(Seq2SeqConfigJson.read(checkpoint).modelType()).startsWith("attend-").endsWith("-seq2seq");

        JsonNode resumed = new Seq2SeqTraining(options(arch, 9, out, out)).run(TrainingProgress.NONE);
        assertThat(resumed.get("resumed_from_step").asInt()).isEqualTo(6);
        assertThat(Checkpoint.resolve(out).getFileName().toString()).isEqualTo("checkpoint-000009");
    }

    /** A run of 8 steps stopped after 4 and resumed from its checkpoint ends with the uninterrupted run's weights. */
    @Test
    void resumedRunRepeatsTheUninterruptedOne(@TempDir Path dir) throws IOException {
        new Seq2SeqTraining(options("gru-attn", 8, dir.resolve("whole"), null)).run(TrainingProgress.NONE);
        Seq2SeqTraining stopped = new Seq2SeqTraining(options("gru-attn", 8, dir.resolve("split"), null));
        JsonNode partial = stopped.run(new TrainingProgress() {
            @Override public void started(int doneSteps, int totalSteps) {}
            @Override public void step(int doneSteps, TrainingStep.Result result, double stepsPerSecond) {
                if (doneSteps == 4) stopped.requestStop();
            }
            @Override public void evaluating() {}
        });
        assertThat(partial.get("interrupted").asBoolean()).isTrue();
        assertThat(partial.get("steps").asInt()).isEqualTo(4);
        new Seq2SeqTraining(options("gru-attn", null, dir.resolve("split"), dir.resolve("split"))).run(TrainingProgress.NONE);
        assertThat(Files.readAllBytes(dir.resolve("split/checkpoint-000008/model.safetensors")))
                .isEqualTo(Files.readAllBytes(dir.resolve("whole/checkpoint-000008/model.safetensors")));
    }

    @Test
    void checkpointOfAnotherArchitectureIsRefused(@TempDir Path dir) {
        Path out = dir.resolve("run");
        new Seq2SeqTraining(options("gru", 2, out, null)).run(TrainingProgress.NONE);
        assertThatThrownBy(() -> new Seq2SeqTraining(options("gru-attn", 4, dir.resolve("other"), out)).run(TrainingProgress.NONE))
                .hasMessageContaining("--arch gru, not --task reverse --arch gru-attn");
        assertThat(dir.resolve("other")).doesNotExist();
        assertThatThrownBy(() -> Seq2SeqConfigJson.read(dir)).isInstanceOf(ModelException.class);
    }
}

package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code attend train --task reverse|copy --arch gru|gru-attn|lstm|lstm-attn|transformer}: a quick run, and what it refuses. */
class SequenceTrainCommandTest {

    @Test
    void quickReverseRunWritesMetricsByLengthAndACheckpoint(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", "--task", "copy", "--arch", "gru-attn", "--quick", "--steps", "5", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("copy: test accuracy").contains("exact match by source length: 5-10: ")
                .contains("36-40: ").contains("checkpoint-000005").doesNotContain("probes");
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String field : new String[] {"task", "arch", "layers", "steps", "seconds", "loss", "accuracy", "accuracy_by_length"}) {
            assertThat(metrics.has(field)).as(field).isTrue();
        }
        assertThat(metrics.get("accuracy_by_length").size()).isEqualTo(7);
        JsonNode config = new ObjectMapper().readTree(out.resolve("checkpoint-000005/config.json").toFile());
        assertThat(config.get("model_type").asText()).isEqualTo("attend-gru-additive-attention-seq2seq");
        assertThat(out.resolve("checkpoint-000005/model.safetensors")).isRegularFile();

        CliRun.of("train", "--task", "copy", "--arch", "gru", "--resume", out.toString(), "--steps", "8",
                "--out", dir.resolve("other").toString()).assertRejected("was trained on --task copy --arch gru-attn");
        assertThat(dir.resolve("other")).doesNotExist();
        CliRun.of("train", "--task", "coref", "--resume", out.toString(), "--steps", "8",
                "--out", dir.resolve("other").toString()).assertRejected("model_type");
    }

    @Test
    void quickLstmRunWritesAnLstmCheckpoint(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", "--task", "reverse", "--arch", "lstm-attn", "--quick", "--steps", "3", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode config = new ObjectMapper().readTree(out.resolve("checkpoint-000003/config.json").toFile());
        assertThat(config.get("model_type").asText()).isEqualTo("attend-lstm-additive-attention-seq2seq");
        assertThat(config.get("rnn_cell").asText()).isEqualTo("lstm");
        assertThat(new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("accuracy_by_length").size()).isEqualTo(7);
    }

    @Test
    void badCombinationsExitWithTwo(@TempDir Path dir) {
        String out = dir.resolve("run").toString();
        CliRun.of("train", "--task", "coref", "--arch", "gru", "--out", out).assertRejected("--arch gru is a recurrent encoder-decoder");
        CliRun.of("train", "--task", "reverse", "--arch", "rnn", "--out", out).assertRejected("unknown architecture 'rnn'");
        CliRun.of("train", "--task", "sort", "--out", out).assertRejected("unknown task 'sort'");
        CliRun.of("train", "--task", "reverse", "--arch", "gru", "--steps", "0", "--out", out).assertRejected("--steps must be");
        CliRun.of("train", "--task", "reverse", "--arch", "gru", "--layers", "2", "--out", out).assertRejected("one recurrent layer per side");
        assertThat(dir.resolve("run")).doesNotExist();
    }
}

package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code attend experiment rnn-vs-attention --quick}: the whole pipeline in seconds, and a refused --out. */
class RnnVsAttentionCommandTest {

    @Test
    void quickRunWritesAccuracyByLengthPlotsAndAlignment(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("rnn");
        CliRun run = CliRun.of("experiment", "rnn-vs-attention", "--quick", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("# Experiment: RNN bottleneck vs attention").contains("| 36-40 |").contains("wrote " + out);
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        for (String arch : new String[] {"gru", "gru-attn", "lstm", "lstm-attn", "transformer"}) {
            assertThat(results.at("/accuracy_by_length/" + arch).size()).as(arch).isEqualTo(7);
            assertThat(results.at("/accuracy_by_length/" + arch + "/5-10").isNumber()).isTrue();
            assertThat(out.resolve("runs").resolve(arch).resolve("metrics.json")).isRegularFile();
        }
        assertThat(results.at("/alignment/weights").size()).isEqualTo(21); // 20 output tokens + EOS
        assertThat(results.at("/alignment_lstm_attn/weights").size()).isEqualTo(21);
        for (String file : new String[] {"accuracy-by-length.csv", "curves.csv", "accuracy-by-length.png", "accuracy-by-length.svg",
                "loss.png", "alignment.png", "alignment.svg", "alignment-lstm-attn.png", "summary.md"}) {
            assertThat(out.resolve(file)).as(file).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("accuracy-by-length.csv"))).startsWith("arch,length,exact_match\ngru,5-10,");

        CliRun again = CliRun.of("experiment", "rnn-vs-attention", "--quick", "--out", out.toString());
        again.assertRejected("is not empty");
    }
}

package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import dev.attend.train.TrainingRun;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * serve --model-dir with the induction task's causal language model and a sequence-to-sequence run, both written by
 * train's own --quick training: the first is traced with its own attention and predicts the next token, explain and
 * importance say they need a classifier; the second is listed as unavailable with the reason.
 */
class TrainedModelsApiTest {
    static final Path RUNS = Path.of("target", "trained-models-test");
    static final String TOKENS = "t3 t7 t1 t9 t3 t7 t1";
    private static TestServer web;

    @BeforeAll
    static void start() {
        TestFolders.deleteRecursively(RUNS);
        TrainingRun.of(new TrainOptions("induction", "transformer", null, 5, 3L, RUNS.resolve("induction"), true, null))
                .run(TrainingProgress.NONE);
        TrainingRun.of(new TrainOptions("reverse", "gru-attn", null, 2, 3L, RUNS.resolve("reverse"), true, null))
                .run(TrainingProgress.NONE);
        web = new TestServer(ServerOptions.defaults().withModelDirs(List.of(RUNS.resolve("induction"), RUNS.resolve("reverse")))
                .withCacheBytes(TestServer.CACHE_BYTES));
    }

    @AfterAll
    static void stop() {
        web.server.close();
        web = null;
    }

    private static JsonNode ok(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        return TestServer.json(response);
    }

    @Test
    void theInductionModelIsTracedWithItsOwnCausalAttentionAndPredictsTheNextToken() {
        JsonNode entry = null;
        for (JsonNode m : ok(web.get("/api/models")).get("models")) if (m.get("key").asText().equals("induction")) entry = m;
        assertThat(entry).isNotNull();
        assertThat(entry.get("task").asText()).isEqualTo("induction");
        assertThat(entry.get("example").asText()).matches("(t\\d+ )+t\\d+");

        JsonNode meta = ok(web.post("/api/trace", TestServer.json("model", "induction", "text", TOKENS)));
        Transformer direct = Checkpoint.loadModel(Checkpoint.read(RUNS.resolve("induction")));
        int[] ids = Arrays.stream(TOKENS.split(" ")).mapToInt(t -> Integer.parseInt(t.substring(1))).toArray();
        int n = ids.length;
        float[] logits = direct.forward(new Batch(ids, 1, n, new int[] {n}, new int[] {n - 1}, new int[1])); // [vocabulary]
        for (int l = 0; l < direct.config().layers(); l++) {
            float[] expected = direct.attentionWeights(l, 0); // [heads, n, n]
            float[] got = web.getFloats("/api/trace/" + meta.get("id").asText() + "/attention?layer=" + l);
            assertThat(got).hasSize(expected.length);
            for (int k = 0; k < got.length; k++) assertThat(got[k]).isCloseTo(expected[k], within(1e-6f));
        }
        int next = 0;
        for (int v = 1; v < logits.length; v++) if (logits[v] > logits[next]) next = v;
        JsonNode prune = ok(web.post("/api/trace/" + meta.get("id").asText() + "/prune", "{\"heads\": [[0, 0]]}"));
        assertThat(prune.at("/prediction/before/label").asText()).isEqualTo("t" + next);
    }

    @Test
    void explainAndImportanceSayTheyNeedAClassifier() {
        String id = ok(web.post("/api/trace", TestServer.json("model", "induction", "text", TOKENS))).get("id").asText();
        for (HttpResponse<byte[]> r : List.of(web.get("/api/trace/" + id + "/explain"), web.get("/api/models/induction/importance"))) {
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(TestServer.json(r).get("error").asText()).contains("need a classifier").contains("predicts the next token");
        }
        HttpResponse<byte[]> bad = web.post("/api/trace", TestServer.json("model", "induction", "text", "t3 t99"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(bad).get("error").asText()).contains("'t99' is not a word of the induction task");
    }

    @Test
    void aSequenceToSequenceRunIsUnavailableWithTheReason() {
        JsonNode models = ok(web.get("/api/models"));
        JsonNode unavailable = null;
        for (JsonNode m : models.get("unavailable")) if (m.get("key").asText().equals("reverse")) unavailable = m;
        assertThat(unavailable).as(models.toString()).isNotNull();
        assertThat(unavailable.get("error").asText()).contains("sequence-to-sequence model trained here")
                .contains("attend experiment rnn-vs-attention");
        HttpResponse<byte[]> trace = web.post("/api/trace", TestServer.json("model", "reverse", "text", "a b c"));
        assertThat(trace.statusCode()).isEqualTo(422);
    }
}

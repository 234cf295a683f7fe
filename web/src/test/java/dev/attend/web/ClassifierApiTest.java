package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.analysis.explain.AgreementExplainer;
import dev.attend.analysis.explain.ClassifierLogit;
import dev.attend.analysis.importance.HeadImportance;
import dev.attend.analysis.importance.TaskImportance;
import dev.attend.analysis.importance.TaskSentences;
import dev.attend.train.agreement.AgreementModel;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A classifier written by `attend train --task agreement --quick` (train's own TaskTraining) served with
 * --model-dir: trace, prune with the prediction change, explain and importance against the same checkpoint loaded
 * here and run through train's Transformer and analysis' classes directly; its refusals.
 */
class ClassifierApiTest {
    static final Path RUN = Path.of("target", "classifier-test", "agreement-run");
    static final String TEXT = "the keys to the cabinet [VERB] here .";
    private static TestServer web;
    private static AgreementModel direct;

    @BeforeAll
    static void start() {
        TestFolders.deleteRecursively(RUN.getParent());
        direct = AgreementModel.train(RUN, 3, true);
        web = new TestServer(ServerOptions.defaults().withModelDirs(List.of(RUN)).withCacheBytes(TestServer.CACHE_BYTES));
    }

    @AfterAll
    static void stop() {
        web.server.close();
        web = null; // the test class outlives the test: let the server's models go
        direct = null;
    }

    private static JsonNode ok(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        return TestServer.json(response);
    }

    private static String trace(String text) {
        return ok(web.post("/api/trace", TestServer.json("model", "agreement-run", "text", text))).get("id").asText();
    }

    /** Forward of TEXT through the checkpoint loaded here: [2] logits, with the head mask (null: all heads). */
    private static float[] logits(float[][] mask) {
        Transformer t = direct.model();
        t.setHeadMask(mask);
        float[] out = t.forward(AgreementModel.batch(List.of(TEXT)));
        t.setHeadMask(null);
        return out;
    }

    private static double probability(float[] logits, int c) {
        double sum = 0;
        for (float v : logits) sum += Math.exp(v);
        return Math.exp(logits[c]) / sum;
    }

    @Test
    void itIsListedAndTracedWithItsOwnAttention() {
        JsonNode models = ok(web.get("/api/models"));
        JsonNode entry = null;
        for (JsonNode m : models.get("models")) if (m.get("key").asText().equals("agreement-run")) entry = m;
        assertThat(entry).as(models.toString()).isNotNull();
        assertThat(entry.get("task").asText()).isEqualTo("agreement");
        assertThat(entry.get("layers").asInt()).isEqualTo(6);
        assertThat(entry.get("heads").asInt()).isEqualTo(2);

        JsonNode meta = ok(web.post("/api/trace", TestServer.json("model", "agreement-run", "text", TEXT)));
        assertThat(meta.get("tokens").toString()).isEqualTo("[\"the\",\"keys\",\"to\",\"the\",\"cabinet\",\"[VERB]\",\"here\",\".\"]");
        logits(null);
        float[] expected = direct.model().attentionWeights(3, 0); // [heads, n, n]
        float[] got = web.getFloats("/api/trace/" + meta.get("id").asText() + "/attention?layer=3");
        assertThat(got).hasSize(expected.length);
        for (int k = 0; k < got.length; k++) assertThat(got[k]).isCloseTo(expected[k], within(1e-6f));
    }

    @Test
    void pruningShowsThePredictionBeforeAndAfter() {
        JsonNode r = ok(web.post("/api/trace/" + trace(TEXT) + "/prune", "{\"heads\": [[0, 1], [4, 0], [5, 1]]}"));
        float[][] mask = new float[6][2];
        for (float[] l : mask) java.util.Arrays.fill(l, 1f);
        mask[0][1] = mask[4][0] = mask[5][1] = 0f;
        for (String when : List.of("before", "after")) {
            float[] logits = logits(when.equals("before") ? null : mask);
            int c = logits[1] > logits[0] ? 1 : 0;
            JsonNode p = r.get("prediction").get(when);
            assertThat(p.get("label").asText()).as(when).isEqualTo(List.of("is", "are").get(c));
            assertThat(p.get("probability").asDouble()).as(when).isCloseTo(probability(logits, c), within(1e-5));
        }
        assertThat(r.get("pooling").asText()).isEqualTo("read");
        assertThat(r.get("attention_change").get(0).get(1).isNull()).isTrue();
    }

    @Test
    void explainIsTheLogitOfThePredictedVerbAsAnalysisExplainsIt() {
        JsonNode r = ok(web.get("/api/trace/" + trace(TEXT) + "/explain"));
        ClassifierLogit.Explained e = new AgreementExplainer(direct).explain(TEXT);
        assertThat(r.get("output").asText()).isEqualTo("logit");
        assertThat(r.get("predicted").asText()).isEqualTo(List.of("is", "are").get(e.predicted()));
        assertThat(r.get("value").asDouble()).isCloseTo(e.logit(), within(1e-5));
        JsonNode s = r.get("sequences").get(0);
        assertThat(r.get("sequences")).hasSize(1);
        for (int j = 0; j < e.sequence().size(); j++) {
            assertThat(s.get("attribution").get("blankout").get(j).asDouble()).isCloseTo(e.sequence().blankout()[j], within(1e-5));
            assertThat(s.get("attribution").get("gradxinput").get(j).asDouble())
                    .isCloseTo(e.sequence().gradientTimesInput()[j], within(1e-5));
        }
        assertThat(s.get("scored").get(5).asBoolean()).as("the [VERB] slot it reads is not ranked").isFalse();
    }

    @Test
    void importanceIsTheTaskLossImportanceOfTheValidationSentences() throws InterruptedException {
        JsonNode answer = TestServer.json(web.get("/api/models/agreement-run/importance"));
        for (long end = System.nanoTime() + 60_000_000_000L; answer.get("state").asText().equals("running"); ) {
            assertThat(System.nanoTime()).isLessThan(end);
            Thread.sleep(100);
            answer = TestServer.json(web.get("/api/models/agreement-run/importance"));
        }
        assertThat(answer.get("total").asInt()).isEqualTo(100); // a --quick run's validation set
        List<Batch> batches = TaskSentences.of("agreement", true, 50).validation();
        HeadImportance expected = TaskImportance.compute(direct.model(), batches.subList(0, 2), "agreement", k -> { });
        for (int l = 0; l < 6; l++) {
            for (int h = 0; h < 2; h++) {
                assertThat(answer.get("importance").get(l).get(h).asDouble()).isCloseTo(expected.normalised()[l][h], within(1e-5));
            }
        }
        assertThat(answer.get("loss").asText()).contains("agreement");
    }

    @Test
    void textsItCannotReadAre422WithWhatToWrite() {
        for (String text : List.of("the keys to the cabinet are here .", "the zebra [VERB] here .")) {
            HttpResponse<byte[]> r = web.post("/api/trace", TestServer.json("model", "agreement-run", "text", text));
            assertThat(r.statusCode()).as(text).isEqualTo(422);
            assertThat(TestServer.json(r).get("error").asText()).contains("[VERB]");
        }
        HttpResponse<byte[]> pair = web.post("/api/trace", TestServer.json("model", "agreement-run", "text", TEXT, "text_b", TEXT));
        assertThat(pair.statusCode()).isEqualTo(422);
        HttpResponse<byte[]> qkv = web.get("/api/trace/" + trace(TEXT) + "/qkv?layer=0&head=0");
        assertThat(qkv.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(qkv).get("error").asText()).contains("BERT model");
    }
}

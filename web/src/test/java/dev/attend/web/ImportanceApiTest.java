package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.analysis.importance.ContrastiveImportance;
import dev.attend.analysis.importance.HeadImportance;
import dev.attend.analysis.importance.SentencePairs;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * GET /api/models/{key}/importance: 202 with progress, then the importance analysis' ContrastiveImportance gives on
 * the same sentences when called directly; every layer's row of unit ℓ2 norm; an unknown model is 404.
 */
class ImportanceApiTest {
    private final TestServer web = TestServer.shared();

    @Test
    void progressThenTheImportanceOfTheSampleSentences() throws InterruptedException {
        HttpResponse<byte[]> first = web.get("/api/models/minilm/importance");
        assertThat(first.statusCode()).isEqualTo(202);
        JsonNode running = TestServer.json(first);
        assertThat(running.get("state").asText()).isEqualTo("running");
        assertThat(running.get("total").asInt()).isEqualTo(32);
        assertThat(running.get("computed_on").asText()).contains("32 sentences");
        assertThat(running.get("importance").isNull()).isTrue();

        JsonNode answer = running;
        for (long end = System.nanoTime() + 120_000_000_000L; answer.get("state").asText().equals("running"); ) {
            assertThat(System.nanoTime()).as("importance still running after 120 s").isLessThan(end);
            Thread.sleep(200);
            HttpResponse<byte[]> r = web.get("/api/models/minilm/importance");
            assertThat(r.statusCode()).isIn(200, 202);
            answer = TestServer.json(r);
        }
        assertThat(answer.get("done").asInt()).isEqualTo(32);
        HeadImportance expected = ContrastiveImportance.compute(web.server.model("minilm"), // after: one at a time
                SentencePairs.sample(8, 1).importance().subList(0, 32), 8, 0.05, done -> { });
        assertThat(answer.get("seconds").asDouble()).isPositive();
        JsonNode importance = answer.get("importance");
        assertThat(importance).hasSize(6);
        for (int l = 0; l < 6; l++) {
            assertThat(importance.get(l)).hasSize(12);
            double norm = 0;
            for (int h = 0; h < 12; h++) {
                double v = importance.get(l).get(h).asDouble();
                norm += v * v;
                assertThat(v).isCloseTo(expected.normalised()[l][h], within(1e-5));
                assertThat(answer.get("importance_raw").get(l).get(h).asDouble())
                        .isCloseTo(expected.raw()[l][h], within(1e-5 * Math.abs(expected.raw()[l][h]) + 1e-12));
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1, within(1e-9));
        }
        assertThat(web.get("/api/models/minilm/importance").statusCode()).as("kept").isEqualTo(200);
    }

    @Test
    void anUnknownModelIs404() {
        HttpResponse<byte[]> response = web.get("/api/models/nope/importance");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(response).get("models").isArray()).isTrue();
    }
}

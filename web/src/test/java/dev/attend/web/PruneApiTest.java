package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** POST /api/trace/{id}/prune against the same text run here with the same heads masked, compared by plain loops. */
class PruneApiTest {
    private final TestServer web = TestServer.shared();
    /** The server's own MiniLM, run here in this process. */
    private final AttentionModel minilm = web.server.model("minilm");

    @Test
    void switchingHeadsOffChangesTheEmbeddingAndTheOtherHeadsAsTheModelSays() {
        String id = web.trace(TestServer.SEED).get("id").asText();
        JsonNode result = ok(web.post("/api/trace/" + id + "/prune", "{\"heads\": [[0, 3], [2, 5], [5, 11], [2, 5]]}"));
        assertThat(result.get("pruned").toString()).isEqualTo("[[0,3],[2,5],[5,11]]");
        assertThat(result.get("pooling").asText()).isEqualTo("mean");

        AttentionTrace all = minilm.trace(TestServer.SEED, Capture.attention());
        float[][] mask = new float[6][12];
        for (float[] layer : mask) java.util.Arrays.fill(layer, 1f);
        mask[0][3] = mask[2][5] = mask[5][11] = 0f;
        AttentionTrace pruned = minilm.trace(TestServer.SEED, Capture.attention().withHeadMask(mask));
        int n = all.queries(), hidden = all.hiddenSize();
        double[] a = new double[hidden], b = new double[hidden];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < hidden; c++) {
                a[c] += all.lastHiddenState()[i * hidden + c];
                b[c] += pruned.lastHiddenState()[i * hidden + c];
            }
        }
        double dot = 0, na = 0, nb = 0;
        for (int c = 0; c < hidden; c++) {
            dot += a[c] * b[c];
            na += a[c] * a[c];
            nb += b[c] * b[c];
        }
        double cosine = dot / Math.sqrt(na * nb);
        assertThat(cosine).isLessThan(0.9999);
        assertThat(result.get("cosine").asDouble()).isCloseTo(cosine, within(1e-5));

        JsonNode change = result.get("attention_change");
        assertThat(change.get(0).get(3).isNull()).as("a pruned head has no change").isTrue();
        assertThat(change.get(0).get(4).asDouble()).as("layer 0 runs before any pruned head's output").isCloseTo(0, within(1e-6));
        for (int[] lh : new int[][] {{3, 0}, {5, 10}, {2, 4}}) {
            double distance = 0;
            for (int i = 0; i < n; i++) {
                double row = 0;
                for (int j = 0; j < n; j++) row += Math.abs(pruned.weight(lh[0], lh[1], i, j) - all.weight(lh[0], lh[1], i, j));
                distance += row / 2;
            }
            assertThat(change.get(lh[0]).get(lh[1]).asDouble()).isCloseTo(distance / n, within(1e-5));
        }
        assertThat(change.get(3).get(0).asDouble()).as("later layers move").isGreaterThan(1e-4);
    }

    @Test
    void switchingNoHeadOffChangesNothing() {
        String id = web.trace(TestServer.SEED).get("id").asText();
        JsonNode result = ok(web.post("/api/trace/" + id + "/prune", "{\"heads\": []}"));
        assertThat(result.get("cosine").asDouble()).isCloseTo(1, within(1e-6));
        // rounding only: the kept trace may have run on the scalar kernels while KernelWarmUp compiled the vector ones
        // (it once differed by 1.3e-7)
        result.get("attention_change").forEach(layer -> layer.forEach(h -> assertThat(h.asDouble()).isCloseTo(0, within(1e-6))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{}", "{\"heads\": 3}", "{\"heads\": [[0]]}", "{\"heads\": [[6, 0]]}",
            "{\"heads\": [[0, 12]]}", "{\"heads\": [[-1, 0]]}", "{\"heads\": [[0, \"1\"]]}", "{\"heads\": [[0, 1.5]]}"})
    void badBodiesAre400(String body) {
        String id = web.trace("Hello world").get("id").asText();
        HttpResponse<byte[]> response = web.post("/api/trace/" + id + "/prune", body);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(400);
        assertThat(TestServer.json(response).get("error").asText()).contains("heads");
    }

    @Test
    void anUnknownTraceIs404() {
        HttpResponse<byte[]> response = web.post("/api/trace/0123456789abcdef0123456789abcdef/prune", "{\"heads\": []}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(response).get("error").isTextual()).isTrue();
    }

    private static JsonNode ok(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        return TestServer.json(response);
    }
}

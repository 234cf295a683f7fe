package dev.attend.web;

import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GET /api/trace/{id}/aggregate: mean and rollout against plain loops over the model's own trace; flow's limits. */
class AggregateApiTest {
    private final TestServer web = TestServer.shared();

    /** Mean over heads of each layer, then 0.5·A + 0.5·I renormalised, multiplied through the layers: plain loops. */
    private static double[][][] rollout(AttentionTrace t, boolean rollout) {
        int n = t.queries(), layers = t.layers(), heads = t.heads();
        double[][][] out = new double[layers][][];
        for (int l = 0; l < layers; l++) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int h = 0; h < heads; h++) a[i][j] += t.weight(l, h, i, j) / heads;
                }
            }
            if (!rollout) {
                out[l] = a;
                continue;
            }
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) sum += a[i][j] = 0.5 * a[i][j] + (i == j ? 0.5 : 0);
                for (int j = 0; j < n; j++) a[i][j] /= sum;
            }
            if (l == 0) {
                out[l] = a;
                continue;
            }
            out[l] = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    for (int j = 0; j < n; j++) out[l][i][j] += a[i][k] * out[l - 1][k][j];
                }
            }
        }
        return out;
    }

    @Test
    void meanAndRolloutAreThoseOfTheTrace() {
        AttentionTrace t = web.server.model("minilm").trace(TestServer.SEED, Capture.attention());
        String id = web.trace(TestServer.SEED).get("id").asText();
        int n = t.queries();
        for (String kind : new String[] {"mean", "rollout"}) {
            double[][][] expected = rollout(t, kind.equals("rollout"));
            HttpResponse<byte[]> full = web.get("/api/trace/" + id + "/aggregate?kind=" + kind);
            assertThat(full.headers().firstValue("X-Shape")).hasValue("6," + n + "," + n);
            float[] values = TraceApiTest.floats(full.body());
            for (int l = 0; l < 6; l++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertThat((double) values[(l * n + i) * n + j]).isCloseTo(expected[l][i][j], within(1e-5));
                    }
                }
            }
            HttpResponse<byte[]> one = web.get("/api/trace/" + id + "/aggregate?kind=" + kind + "&query=8");
            assertThat(one.headers().firstValue("X-Shape")).hasValue("6," + n);
            float[] row = TraceApiTest.floats(one.body());
            for (int j = 0; j < n; j++) assertThat((double) row[5 * n + j]).isCloseTo(expected[5][8][j], within(1e-5));
        }
    }

    @Test
    void flowEqualsRolloutAfterTheFirstLayerAndItsRowsSumToOne() {
        String id = web.trace(TestServer.SEED).get("id").asText();
        float[] flow = web.getFloats("/api/trace/" + id + "/aggregate?kind=flow&query=8");
        float[] rollout = web.getFloats("/api/trace/" + id + "/aggregate?kind=rollout&query=8");
        int n = flow.length / 6;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            assertThat((double) flow[j]).isCloseTo(rollout[j], within(1e-5));
            sum += flow[5 * n + j];
        }
        assertThat(sum).isCloseTo(1, within(1e-5));
    }

    @Test
    void flowBeyondItsCostIsRefusedWithWhatToDo() {
        String id = web.trace("word ".repeat(60)).get("id").asText();
        HttpResponse<byte[]> response = web.get("/api/trace/" + id + "/aggregate?kind=flow");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(response).get("error").asText()).contains("too costly").contains("rollout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aggregate", "aggregate?kind=max", "aggregate?kind=mean&query=99", "aggregate?kind=flow&query=x"})
    void badParametersAre400(String endpoint) {
        String id = web.trace("Hello world").get("id").asText();
        HttpResponse<byte[]> response = web.get("/api/trace/" + id + "/" + endpoint);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(400);
        assertThat(TestServer.json(response).get("error").isTextual()).isTrue();
    }
}

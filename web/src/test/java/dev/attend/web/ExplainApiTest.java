package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.analysis.explain.SentencePairCosine;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * GET /api/trace/{id}/explain: the cosine, raw attention and blank-out against the engine run by plain loops here,
 * gradient × input against analysis' SentencePairCosine called directly, Spearman against ranks computed here; and
 * its refusals.
 */
class ExplainApiTest {
    static final String A = "The cat sat on the mat because it was tired";
    static final String B = "A kitten rested on the rug";
    private static final TestServer web = TestServer.shared();
    private static JsonNode answer;
    private static AttentionModel model;

    @BeforeAll
    static void explain() {
        model = web.server.model("minilm");
        HttpResponse<byte[]> traced = web.post("/api/trace", TestServer.json("model", "minilm", "text", A, "text_b", B));
        HttpResponse<byte[]> response = web.get("/api/trace/" + TestServer.json(traced).get("id").asText() + "/explain");
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        answer = TestServer.json(response);
    }


    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int k = 0; k < out.length; k++) out[k] = array.get(k).asDouble();
        return out;
    }

    @Test
    void theOutputIsTheCosineOfTheSentencesEncodedAlone() {
        assertThat(answer.get("output").asText()).isEqualTo("cosine");
        assertThat(answer.get("pooling").asText()).isEqualTo("mean");
        assertThat(answer.get("value").asDouble()).isCloseTo(PairCosine.of(model, A, B), within(1e-5));
        assertThat(answer.get("sequences")).hasSize(2);
        assertThat(answer.get("sequences").get(0).get("text").asText()).isEqualTo(A);
        assertThat(answer.get("sequences").get(1).get("tokens").get(1).asText()).isEqualTo("a");
    }

    /** Mean pooling reads every position alike: raw importance of token j in layer l is the mean over i and heads. */
    @Test
    void rawAttentionIsTheColumnMeanOfTheHeadMeanOfTheSentenceAlone() {
        AttentionTrace t = model.trace(A, Capture.attention());
        int n = t.queries();
        JsonNode raw = answer.get("sequences").get(0).get("attention").get("raw");
        assertThat(raw).hasSize(6);
        for (int l = 0; l < 6; l++) {
            assertThat(raw.get(l)).hasSize(n);
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int h = 0; h < t.heads(); h++) for (int i = 0; i < n; i++) sum += t.weight(l, h, i, j);
                assertThat(raw.get(l).get(j).asDouble()).isCloseTo(sum / (t.heads() * n), within(1e-5));
            }
        }
        for (String kind : List.of("rollout", "flow")) {
            double total = Arrays.stream(doubles(answer.get("sequences").get(0).get("attention").get(kind).get(5))).sum();
            assertThat(total).as(kind).isCloseTo(1, within(1e-4));
        }
    }

    /** "cat" replaced by [MASK] (one word piece either way, so the positions stay): |y − y'| by the engine. */
    @Test
    void blankOutIsTheCosineChangeWithTheWordMasked() {
        JsonNode first = answer.get("sequences").get(0);
        assertThat(first.get("tokens").get(2).asText()).isEqualTo("cat");
        double expected = Math.abs(PairCosine.of(model, A, B) - PairCosine.of(model, A.replace("cat", "[MASK]"), B));
        assertThat(first.get("attribution").get("blankout").get(2).asDouble()).isCloseTo(expected, within(1e-5));
        assertThat(first.get("attribution").get("blankout").get(0).asDouble()).isZero(); // [CLS] is not blanked
        assertThat(first.get("scored").get(0).asBoolean()).isFalse();
        assertThat(first.get("scored").get(2).asBoolean()).isTrue();
    }

    @Test
    void gradientTimesInputIsAnalysisOwn() {
        SentencePairCosine.Explained direct = new SentencePairCosine(model).explain(A, B);
        double[] expected = direct.second().gradientTimesInput();
        double[] got = doubles(answer.get("sequences").get(1).get("attribution").get("gradxinput"));
        assertThat(got).hasSize(expected.length);
        for (int j = 0; j < got.length; j++) assertThat(got[j]).isCloseTo(expected[j], within(1e-5 * (1 + Math.abs(expected[j]))));
    }

    /** Spearman over the scored tokens, ranks with ties averaged, computed here from the answer's own vectors. */
    @Test
    void spearmanPerLayerIsThatOfTheShownVectors() {
        for (JsonNode s : answer.get("sequences")) {
            List<Integer> scored = new ArrayList<>();
            for (int j = 0; j < s.get("scored").size(); j++) if (s.get("scored").get(j).asBoolean()) scored.add(j);
            for (String kind : List.of("raw", "rollout", "flow")) {
                for (String attribution : List.of("blankout", "gradxinput")) {
                    double[] y = pick(doubles(s.get("attribution").get(attribution)), scored);
                    for (int l = 0; l < 6; l++) {
                        double[] x = pick(doubles(s.get("attention").get(kind).get(l)), scored);
                        JsonNode rho = s.get("spearman").get(kind).get(attribution).get(l);
                        assertThat(rho.asDouble()).as(kind + " " + attribution + " " + l).isCloseTo(spearman(x, y), within(1e-9));
                    }
                }
            }
        }
    }

    private static double[] pick(double[] v, List<Integer> at) {
        return at.stream().mapToDouble(j -> v[j]).toArray();
    }

    private static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x), ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElseThrow(), my = Arrays.stream(ry).average().orElseThrow();
        double c = 0, vx = 0, vy = 0;
        for (int k = 0; k < rx.length; k++) {
            c += (rx[k] - mx) * (ry[k] - my);
            vx += (rx[k] - mx) * (rx[k] - mx);
            vy += (ry[k] - my) * (ry[k] - my);
        }
        return c / Math.sqrt(vx * vy);
    }

    /** Rank = 1 + the number of smaller values + half the number of other equal values. */
    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            int smaller = 0, equal = 0;
            for (int b = 0; b < v.length; b++) {
                if (v[b] < v[a]) smaller++;
                else if (v[b] == v[a] && b != a) equal++;
            }
            r[a] = 1 + smaller + equal / 2.0;
        }
        return r;
    }

    @Test
    void oneSentenceIs422SayingToGiveASecond() {
        String id = web.trace(A).get("id").asText();
        HttpResponse<byte[]> response = web.get("/api/trace/" + id + "/explain");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(response).get("error").asText()).contains("second sentence");
    }

    @Test
    void flowBeyondItsCostIs422() {
        HttpResponse<byte[]> traced = web.post("/api/trace", TestServer.json("model", "minilm",
                "text", "word ".repeat(60).trim(), "text_b", B));
        HttpResponse<byte[]> response = web.get("/api/trace/" + TestServer.json(traced).get("id").asText() + "/explain");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(response).get("error").asText()).contains("too costly");
    }

    @Test
    void anUnknownTraceIs404() {
        HttpResponse<byte[]> response = web.get("/api/trace/0123456789abcdef0123456789abcdef/explain");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(response).get("error").isTextual()).isTrue();
    }
}

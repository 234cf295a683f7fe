package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** POST /api/trace and the numbers fetched by its id, against a trace of the same text made in this JVM. */
class TraceApiTest {
    private static final float TOLERANCE = 1e-5f;
    private static AttentionModel minilm;
    private static AttentionTrace expected;

    private final TestServer web = TestServer.shared();

    @BeforeAll
    static void traceHere() {
        minilm = Models.load("minilm");
        expected = minilm.trace(TestServer.SEED, Capture.attention().withVectors());
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    @Test
    void metadataDescribesEveryToken() {
        JsonNode meta = web.trace(TestServer.SEED);
        assertThat(meta.get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(meta.get("model").asText()).isEqualTo("minilm");
        assertThat(meta.get("model_name").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(strings(meta.get("tokens"))).containsExactly("[CLS]", "the", "cat", "sat", "on", "the", "mat",
                "because", "it", "was", "tired", "[SEP]");
        assertThat(meta.get("n").asInt()).isEqualTo(12);
        assertThat(meta.get("layers").asInt()).isEqualTo(6);
        assertThat(meta.get("heads").asInt()).isEqualTo(12);
        assertThat(meta.get("head_dim").asInt()).isEqualTo(32);
        assertThat(meta.get("texts").get(0).asText()).isEqualTo(TestServer.SEED);
        assertThat(meta.get("offsets").get(0).toString()).isEqualTo("[-1,-1]");
        assertThat(meta.get("offsets").get(2).toString()).isEqualTo("[4,7]"); // "cat"
        assertThat(meta.get("word_ids").get(0).asInt()).isEqualTo(-1);
        assertThat(meta.get("word_ids").get(2).asInt()).isEqualTo(1);
        assertThat(meta.get("segments").toString()).isEqualTo("[0,0,0,0,0,0,0,0,0,0,0,0]");
        assertThat(meta.get("token_types").toString()).isEqualTo("[0,0,0,0,0,0,0,0,0,0,0,0]");
    }

    @Test
    void aPairHasTwoSegmentsAndTokenTypes() {
        HttpResponse<byte[]> response = web.post("/api/trace",
                TestServer.json("text", "Where is the cat?", "text_b", "On the mat."));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode meta = TestServer.json(response);
        assertThat(meta.get("model").asText()).as("the default model").isEqualTo("minilm");
        assertThat(strings(meta.get("texts"))).containsExactly("Where is the cat?", "On the mat.");
        assertThat(strings(meta.get("tokens"))).containsExactly("[CLS]", "where", "is", "the", "cat", "?", "[SEP]",
                "on", "the", "mat", ".", "[SEP]");
        assertThat(meta.get("segments").toString()).isEqualTo("[0,0,0,0,0,0,0,1,1,1,1,1]");
        assertThat(meta.get("token_types").toString()).isEqualTo("[0,0,0,0,0,0,0,1,1,1,1,1]");
        assertThat(meta.get("offsets").get(7).toString()).as("\"On\" in text_b").isEqualTo("[0,2]");
    }

    @Test
    void oneHeadIsTheTracesWeightsAndItLooksAtCat() {
        String id = web.trace(TestServer.SEED).get("id").asText();
        HttpResponse<byte[]> response = web.get("/api/trace/" + id + "/attention?layer=5&head=11");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("X-Shape")).hasValue("12,12");
        float[] weights = floats(response.body());
        assertThat(weights).hasSize(144);
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                assertThat(weights[i * 12 + j]).isCloseTo(expected.weight(5, 11, i, j), within(TOLERANCE));
            }
        }
        float[] it = web.getFloats("/api/trace/" + id + "/attention?layer=5&head=11&query=8");
        assertThat(argmax(it)).as("\"it\" looks most at \"cat\"").isEqualTo(2);
        assertThat(it[2]).isCloseTo(0.68f, within(0.02f));
    }

    @Test
    void aLayerIsEveryHeadInOrder() {
        String id = web.trace(TestServer.SEED).get("id").asText();
        HttpResponse<byte[]> response = web.get("/api/trace/" + id + "/attention?layer=2");
        assertThat(response.headers().firstValue("X-Shape")).hasValue("12,12,12");
        float[] layer = floats(response.body());
        assertThat(layer).hasSize(12 * 12 * 12);
        for (int k = 0; k < layer.length; k++) {
            assertThat(layer[k]).isCloseTo(expected.attention()[2][k], within(TOLERANCE));
        }
        HttpResponse<byte[]> rows = web.get("/api/trace/" + id + "/attention?layer=2&query=8");
        assertThat(rows.headers().firstValue("X-Shape")).hasValue("12,12");
        float[] itInEveryHead = floats(rows.body());
        for (int h = 0; h < 12; h++) {
            for (int j = 0; j < 12; j++) {
                assertThat(itInEveryHead[h * 12 + j]).isCloseTo(expected.weight(2, h, 8, j), within(TOLERANCE));
            }
        }
    }

    @Test
    void vectorsOfOneHeadGiveItsContext() {
        String id = web.trace(TestServer.SEED).get("id").asText();
        HttpResponse<byte[]> response = web.get("/api/trace/" + id + "/qkv?layer=5&head=11");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode v = TestServer.json(response);
        assertThat(v.get("n").asInt()).isEqualTo(12);
        assertThat(v.get("head_dim").asInt()).isEqualTo(32);
        for (String name : List.of("query", "key", "value", "context")) {
            assertThat(v.get(name).size()).as(name).isEqualTo(12);
            assertThat(v.get(name).get(0).size()).as(name).isEqualTo(32);
        }
        float[] q = expected.vectors().query()[5];
        assertThat((float) v.get("query").get(8).get(3).asDouble()).isCloseTo(q[(11 * 12 + 8) * 32 + 3], within(1e-4f));
        for (int i = 0; i < 12; i++) { // context_i = sum_j w_ij v_j
            for (int c = 0; c < 32; c++) {
                double sum = 0;
                for (int j = 0; j < 12; j++) sum += expected.weight(5, 11, i, j) * v.get("value").get(j).get(c).asDouble();
                assertThat(v.get("context").get(i).get(c).asDouble()).isCloseTo(sum, within(1e-4));
            }
        }
    }

    @Test
    void fullAttentionIsTheCommandLinesJson() {
        HttpResponse<byte[]> response = web.post("/api/attention", TestServer.json("model", "minilm", "text", TestServer.SEED));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode json = TestServer.json(response);
        assertThat(json.get("model").asText()).isEqualTo("minilm");
        assertThat(json.get("tokens").size()).isEqualTo(12);
        assertThat(json.get("attention").size()).isEqualTo(6);
        assertThat(json.get("attention").get(5).get(11).get(8).get(2).asDouble())
                .isCloseTo(expected.weight(5, 11, 8, 2), within(1e-5));
        JsonNode words = TestServer.json(web.post("/api/attention", "{\"text\":\"Tokenization matters\",\"words\":true}"));
        assertThat(words.get("words").asBoolean()).isTrue();
        assertThat(strings(words.get("tokens"))).containsExactly("[CLS]", "tokenization", "matters", "[SEP]");
    }

    static float[] floats(byte[] littleEndian) {
        float[] out = new float[littleEndian.length / 4];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
        return best;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}

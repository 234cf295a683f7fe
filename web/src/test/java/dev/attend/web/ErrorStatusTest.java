package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal is JSON {"error": "..."} with the status docs/api.md gives. */
class ErrorStatusTest {
    private final TestServer web = TestServer.shared();

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\": \"unclosed", "not json", "", "[\"a list\"]", "{\"model\": \"minilm\"}",
            "{\"text\": 42}", "{\"text\": \"ok\", \"text_b\": [1]}", "{\"text\": \"ok\", \"words\": \"yes\"}"})
    void malformedBodiesAre400(String body) {
        assertError(web.post("/api/trace", body), 400);
        assertError(web.post("/api/attention", body), 400);
    }

    @Test
    void anUnknownModelIs404WithTheKnownNames() {
        JsonNode error = assertError(web.post("/api/trace", TestServer.json("model", "gpt-5", "text", "Hi")), 404);
        assertThat(error.get("error").asText()).contains("gpt-5").contains("minilm").contains("bge-small");
        assertThat(error.get("models").toString()).isEqualTo("[\"minilm\",\"bge-small\"]");
        assertError(web.post("/api/trace", TestServer.json("model", "/etc/passwd", "text", "Hi")), 404);
        assertError(web.post("/api/attention", TestServer.json("model", "../minilm", "text", "Hi")), 404);
    }

    @Test
    void anUnknownTraceIs404() {
        JsonNode error = assertError(web.get("/api/trace/0123456789abcdef0123456789abcdef/attention?layer=0"), 404);
        assertThat(error.get("error").asText()).contains("trace the text again");
        assertError(web.get("/api/trace/nope/qkv?layer=0&head=0"), 404);
    }

    @Test
    void moreThanTenThousandCharactersIs413() {
        String longText = "a ".repeat(5_000) + "b";
        assertError(web.post("/api/trace", TestServer.json("text", longText)), 413);
        assertError(web.post("/api/attention", TestServer.json("text", "a".repeat(6_000), "text_b", "b".repeat(4_001))), 413);
        assertThat(web.post("/api/trace", TestServer.json("text", "a ".repeat(250))).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyPastTheRequestLimitIs413() {
        assertError(web.post("/api/trace", "{\"text\": \"" + "x".repeat(2 << 20) + "\"}"), 413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\u0000\u0001", "\n\t"})
    void textWithNoTokensIs422(String text) {
        JsonNode error = assertError(web.post("/api/trace", TestServer.json("text", text)), 422);
        assertThat(error.get("error").asText()).contains("text");
    }

    @Test
    void moreTokensThanTheModelTakesIs422() {
        JsonNode error = assertError(web.post("/api/trace", TestServer.json("text", "word ".repeat(600))), 422);
        assertThat(error.get("error").asText()).contains("602 tokens").contains("512");
        assertError(web.post("/api/trace", TestServer.json("text", "word ".repeat(300), "text_b", "word ".repeat(300))), 422);
    }

    @ParameterizedTest
    @ValueSource(strings = {"attention", "attention?layer=6", "attention?layer=-1", "attention?layer=x",
            "attention?layer=0&head=12", "attention?layer=0&query=99", "qkv?layer=0", "qkv?layer=0&head=1.5"})
    void badIndicesAre400(String endpoint) {
        String id = web.trace("Hello world").get("id").asText();
        assertError(web.get("/api/trace/" + id + "/" + endpoint), 400);
    }

    @Test
    void anUnknownEndpointIs404() {
        assertError(web.get("/api/nothing"), 404);
        assertError(web.get("/api/trace"), 404);
    }

    private static JsonNode assertError(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = TestServer.json(response);
        assertThat(body.get("error").isTextual()).as(body.toString()).isTrue();
        return body;
    }
}

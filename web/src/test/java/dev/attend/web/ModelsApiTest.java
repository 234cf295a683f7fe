package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.model.registry.BuiltInModel;
import dev.attend.model.registry.BuiltInModels;
import dev.attend.model.registry.ModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/health and /api/models, with the built-in models and model folders given to the server. */
class ModelsApiTest {
    @TempDir
    static Path folders;
    private static TestServer web;

    @BeforeAll
    static void start() throws IOException {
        ModelFiles minilm = BuiltInModels.files(BuiltInModel.MINILM);
        Path mine = Files.createDirectories(folders.resolve("my-minilm"));
        Files.copy(minilm.onnx(), mine.resolve("model.onnx"));
        Files.copy(minilm.tokenizer(), mine.resolve("tokenizer.json"));
        Path sameName = Files.createDirectories(folders.resolve("other").resolve("minilm"));
        Files.createSymbolicLink(sameName.resolve("model.onnx"), mine.resolve("model.onnx"));
        Files.createSymbolicLink(sameName.resolve("tokenizer.json"), mine.resolve("tokenizer.json"));
        Path broken = Files.createDirectories(folders.resolve("broken"));
        Files.writeString(broken.resolve("model.onnx"), "not a model");
        web = new TestServer(ServerOptions.defaults().withModelDirs(List.of(mine, sameName, broken)));
    }

    @AfterAll
    static void stop() {
        web.server.stop();
    }

    @Test
    void healthIsOk() {
        HttpResponse<byte[]> response = web.get("/api/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body())).contains("\"status\":\"ok\"").contains("\"version\":\"0.1.0");
    }

    @Test
    void modelsAreTheBuiltInOnesThenTheFolders() {
        JsonNode list = TestServer.json(web.get("/api/models"));
        assertThat(list.get("default_model").asText()).isEqualTo("minilm");
        JsonNode models = list.get("models");
        assertThat(models.size()).isEqualTo(4);
        JsonNode minilm = models.get(0);
        assertThat(minilm.get("key").asText()).isEqualTo("minilm");
        assertThat(minilm.get("name").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(minilm.get("layers").asInt()).isEqualTo(6);
        assertThat(minilm.get("heads").asInt()).isEqualTo(12);
        assertThat(minilm.get("head_dim").asInt()).isEqualTo(32);
        assertThat(minilm.get("hidden_size").asInt()).isEqualTo(384);
        assertThat(minilm.get("max_tokens").asInt()).isEqualTo(512);
        assertThat(minilm.get("pooling").asText()).isEqualTo("mean");
        assertThat(minilm.get("built_in").asBoolean()).isTrue();
        JsonNode bge = models.get(1);
        assertThat(bge.get("key").asText()).isEqualTo("bge-small");
        assertThat(bge.get("pooling").asText()).isEqualTo("cls");
        assertThat(models.get(2).get("key").asText()).isEqualTo("my-minilm");
        assertThat(models.get(2).get("built_in").asBoolean()).isFalse();
        assertThat(models.get(3).get("key").asText()).as("a folder named like a built-in model goes by its path")
                .isEqualTo(folders.resolve("other").resolve("minilm").toAbsolutePath().toString());
        JsonNode unavailable = list.get("unavailable");
        assertThat(unavailable.size()).isEqualTo(1);
        assertThat(unavailable.get(0).get("key").asText()).isEqualTo("broken");
        assertThat(unavailable.get(0).get("error").asText()).isNotBlank();
    }

    @Test
    void aFolderModelTracesByItsKeyOnly() {
        HttpResponse<byte[]> byKey = web.post("/api/trace", TestServer.json("model", "my-minilm", "text", "Hello world"));
        assertThat(byKey.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(byKey).get("model").asText()).isEqualTo("my-minilm");
        String path = folders.resolve("my-minilm").toAbsolutePath().toString();
        JsonNode refused = TestServer.json(web.post("/api/trace", TestServer.json("model", path, "text", "Hello world")));
        assertThat(refused.get("error").asText()).startsWith("unknown model");
        assertThat(refused.get("models").toString()).contains("my-minilm", "broken");
    }

    @Test
    void aModelThatCannotBeLoadedIs500WithTheReason() {
        HttpResponse<byte[]> response = web.post("/api/trace", TestServer.json("model", "broken", "text", "Hello world"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(TestServer.json(response).get("error").asText()).isNotBlank();
    }
}

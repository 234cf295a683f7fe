package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server on a free port of 127.0.0.1 and an HTTP client for it; {@link #shared()} is started once for all tests,
 * with {@link #RUNS} (emptied first) as its runs folder, which tests fill (the server reads it on every request).
 */
final class TestServer {
    static final String SEED = "The cat sat on the mat because it was tired";

    static final Path RUNS = Path.of("target", "api-test", "runs");
    /** The test servers' trace cache: the tests' traces are small, and several servers share the test JVM's heap. */
    static final long CACHE_BYTES = 128L << 20;

    private static TestServer shared;

    final AttendServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    TestServer(ServerOptions options) {
        server = AttendServer.start(options.withPort(0));
    }

    static synchronized TestServer shared() {
        if (shared == null) {
            TestFolders.deleteRecursively(RUNS.getParent());
            shared = new TestServer(ServerOptions.defaults().withRunsDir(RUNS).withCacheBytes(CACHE_BYTES));
        }
        return shared;
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<byte[]> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A GET of little-endian float32s. */
    float[] getFloats(String path) {
        HttpResponse<byte[]> response = get(path);
        if (response.statusCode() != 200) throw new AssertionError(response.statusCode() + " " + new String(response.body()));
        return TraceApiTest.floats(response.body());
    }

    /** POST /api/trace of {@code text} with MiniLM; the metadata. */
    JsonNode trace(String text) {
        HttpResponse<byte[]> response = post("/api/trace", json("model", "minilm", "text", text));
        if (response.statusCode() != 200) throw new AssertionError(response.statusCode() + " " + new String(response.body()));
        return json(response);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object of string fields: name, value, name, value... */
    static String json(String... namesAndValues) {
        var object = Json.MAPPER.createObjectNode();
        for (int k = 0; k < namesAndValues.length; k += 2) object.put(namesAndValues[k], namesAndValues[k + 1]);
        return object.toString();
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.attend.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** With its one place for a forward pass taken, the server answers a text with 503 and Retry-After at once. */
class AdmissionTest {
    private static TestServer web;

    @BeforeAll
    static void start() {
        web = new TestServer(ServerOptions.defaults().withAdmission(1, 0));
    }

    @AfterAll
    static void stop() {
        web.server.stop();
    }

    @Test
    void aFullServerSays503AndWhenToRetry() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread running = Thread.ofPlatform().start(() -> web.server.gate().run(() -> {
            inside.countDown();
            ForwardPassGateTest.await(release);
            return null;
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<byte[]> refused = web.post("/api/trace", TestServer.json("text", "One more"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(TestServer.json(refused).get("error").asText()).contains("busy");
        assertThat(web.post("/api/attention", TestServer.json("text", "One more")).statusCode()).isEqualTo(503);
        assertThat(web.get("/api/health").statusCode()).as("requests without a forward pass still pass").isEqualTo(200);

        release.countDown();
        running.join(10_000);
        assertThat(web.post("/api/trace", TestServer.json("text", "One more")).statusCode()).isEqualTo(200);
    }
}

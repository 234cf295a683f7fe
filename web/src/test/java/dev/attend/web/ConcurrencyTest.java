package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** 16 clients × 50 requests (a trace, then a layer of it, 25 times each) on 127.0.0.1: no errors, bounded threads and time. */
class ConcurrencyTest {
    private static final int CLIENTS = 16;
    private static final int ROUNDS = 25;
    private static TestServer web;

    @BeforeAll
    static void start() {
        web = new TestServer(ServerOptions.defaults().withCacheBytes(64L << 20));
    }

    @AfterAll
    static void stop() {
        web.server.stop();
    }

    @Test
    void sixteenClientsFiftyRequestsEach() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();
        long start = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                int ok = 0;
                for (int r = 0; r < ROUNDS; r++) {
                    String text = "Client " + client + " asks question number " + r + " about the cat on the mat.";
                    JsonNode meta = web.trace(text);
                    HttpResponse<byte[]> layer = web.get("/api/trace/" + meta.get("id").asText() + "/attention?layer=" + (r % 6));
                    assertThat(layer.statusCode()).isEqualTo(200);
                    int n = meta.get("n").asInt();
                    assertThat(layer.body()).hasSize(4 * 12 * n * n);
                    ok += 2;
                }
                return ok;
            }));
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(180, TimeUnit.SECONDS)).as("finished in bounded time").isTrue();
        int served = 0;
        for (Future<Integer> f : done) served += f.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(served).isEqualTo(CLIENTS * 2 * ROUNDS);
        assertThat(threads.getPeakThreadCount() - before).as("threads added while serving")
                .isLessThan(CLIENTS + 2 * 32);
        System.out.printf("%d requests from %d clients in %.1f s%n", served, CLIENTS, seconds);
    }
}

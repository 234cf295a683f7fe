package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** GET /api/runs…: a run written by train's own ProbeRecorder during a short real training, read back through the API. */
class RunsApiTest {
    private static final int SNAPSHOTS = 6;
    /** float16 keeps 11 significant bits: a weight in [0, 1] is off by at most 2^-12. */
    private static final double HALF = 1.0 / 4096;

    private static TrainingRunFixture run;
    private static TestServer web;

    @BeforeAll
    static void start() throws IOException {
        web = TestServer.shared();
        Path runs = Files.createDirectories(TestServer.RUNS);
        run = new TrainingRunFixture(runs.resolve("coref"), SNAPSHOTS);
        Path broken = Files.createDirectories(runs.resolve("broken"));
        Files.writeString(broken.resolve("probes.json"), "{\"dtype\": \"float16\", \"byte_order\": \"little\"");
        Files.createDirectories(runs.resolve("notes"));
        Path resumed = Files.createDirectories(runs.resolve("resumed"));
        new TrainingRunFixture(resumed, 3);
        try (FileChannel bin = FileChannel.open(resumed.resolve("probes.bin"), StandardOpenOption.WRITE)) {
            bin.truncate(bin.size() - 1); // as a resumed run leaves it until its next snapshot: the last is incomplete
        }
        Path outside = Files.createDirectories(runs.resolveSibling("outside"));
        Files.writeString(outside.resolve("probes.json"), "{\"task\": \"SECRET\"}");
    }

    @Test
    void theListingHasEveryRunFolderAndSaysWhichCannotBeRead() {
        JsonNode list = json(web.get("/api/runs"), 200);
        assertThat(list.get("runs_dir").asText()).endsWith("runs");
        assertThat(names(list.get("runs"))).containsExactly("coref", "resumed");
        JsonNode coref = list.get("runs").get(0);
        assertThat(coref.get("task").asText()).isEqualTo("coref");
        assertThat(coref.get("layers").asInt()).isEqualTo(2);
        assertThat(coref.get("heads").asInt()).isEqualTo(run.heads);
        assertThat(coref.get("probes").asInt()).isEqualTo(run.probes.size());
        assertThat(coref.get("snapshots").asInt()).isEqualTo(SNAPSHOTS);
        assertThat(coref.get("last_step").asInt()).isEqualTo(SNAPSHOTS - 1);
        assertThat(coref.get("checkpoint").asBoolean()).isFalse();
        assertThat(list.get("runs").get(1).get("snapshots").asInt()).as("the incomplete snapshot is left out").isEqualTo(2);
        assertThat(names(list.get("unreadable"))).containsExactly("broken");
        assertThat(list.get("unreadable").get(0).get("error").asText()).contains("probes.json");
    }

    @Test
    void aRunsIndexHasItsProbesAndTheLossAtEverySnapshot() {
        JsonNode detail = json(web.get("/api/runs/coref"), 200);
        assertThat(detail.get("layers").asInt()).isEqualTo(2);
        JsonNode probe = detail.get("probes").get(0);
        for (int i = 0; i < run.probes.get(0).words().size(); i++) {
            assertThat(probe.get("tokens").get(i).asText()).isEqualTo(run.probes.get(0).words().get(i));
        }
        assertThat(probe.get("marks").get("pronoun").asInt()).isEqualTo(run.probes.get(0).pronoun());
        assertThat(probe.get("marks").get("antecedent").asInt()).isEqualTo(run.probes.get(0).antecedent());
        JsonNode snapshots = detail.get("snapshots");
        assertThat(snapshots).hasSize(SNAPSHOTS);
        assertThat(snapshots.get(0).get("step").asInt()).isZero();
        assertThat(snapshots.get(0).get("loss").isNull()).as("no loss before the first step").isTrue();
        for (int s = 1; s < SNAPSHOTS; s++) {
            assertThat(snapshots.get(s).get("step").asInt()).isEqualTo(s);
            assertThat(snapshots.get(s).get("loss").asDouble()).isEqualTo(run.losses.get(s - 1));
        }
        assertThat(detail.get("metrics").isNull()).as("the fixture writes no metrics.json").isTrue();
    }

    @Test
    void oneHeadAtEverySnapshotIsWhatTheModelComputed() {
        for (int probe : new int[] {0, 3}) {
            int n = run.probes.get(probe).words().size();
            HttpResponse<byte[]> response = web.get("/api/runs/coref/attention?probe=" + probe + "&layer=1&head=1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Shape")).hasValue(SNAPSHOTS + "," + n + "," + n);
            float[] values = TraceApiTest.floats(response.body());
            assertThat(values).hasSize(SNAPSHOTS * n * n);
            for (int s = 0; s < SNAPSHOTS; s++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertThat((double) values[(s * n + i) * n + j]).as("snapshot %d, %d → %d", s, i, j)
                                .isCloseTo(run.weight(s, probe, 1, 1, i, j), within(HALF));
                    }
                }
            }
        }
    }

    @Test
    void allHeadsOfALayerComeHeadAfterHead() {
        int n = run.probes.get(2).words().size();
        HttpResponse<byte[]> response = web.get("/api/runs/coref/attention?probe=2&layer=0");
        assertThat(response.headers().firstValue("X-Shape")).hasValue(SNAPSHOTS + "," + run.heads + "," + n + "," + n);
        float[] values = TraceApiTest.floats(response.body());
        int s = SNAPSHOTS - 1, h = run.heads - 1, i = run.probes.get(2).pronoun();
        for (int j = 0; j < n; j++) {
            assertThat((double) values[((s * run.heads + h) * n + i) * n + j]).isCloseTo(run.weight(s, 2, 0, h, i, j), within(HALF));
        }
    }

    @Test
    void anUnknownRunIs404WithTheRunsThereAre() {
        JsonNode error = json(web.get("/api/runs/nope"), 404);
        assertThat(error.get("error").asText()).contains("nope").contains("coref");
        assertThat(error.get("runs").toString()).isEqualTo("[\"broken\",\"coref\",\"resumed\"]");
        json(web.get("/api/runs/notes"), 404);
        json(web.get("/api/runs/nope/attention?probe=0&layer=0"), 404);
    }

    @Test
    void anUnreadableRunIs500SayingWhy() {
        assertThat(json(web.get("/api/runs/broken"), 500).get("error").asText()).contains("broken").contains("probes.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"attention", "attention?layer=0", "attention?probe=4&layer=0", "attention?probe=0&layer=2",
            "attention?probe=0&layer=0&head=2", "attention?probe=-1&layer=0", "attention?probe=x&layer=0"})
    void badIndicesAre400(String endpoint) {
        json(web.get("/api/runs/coref/" + endpoint), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/runs/..", "/api/runs/%2e%2e", "/api/runs/..%2foutside", "/api/runs/../outside",
            "/api/runs/%2e%2e%2foutside", "/api/runs/..%5coutside", "/api/runs/%2fetc", "/api/runs/coref%2f..%2f..%2foutside",
            "/api/runs/.", "/api/runs/outside"})
    void noNameReachesAFolderOutsideTheRuns(String path) {
        String response = RawHttp.request(web.server.port(), "GET", path, "Host: 127.0.0.1:" + web.server.port());
        assertThat(RawHttp.status(response)).isIn(400, 404);
        assertThat(response).doesNotContain("SECRET");
    }

    @Test
    void withoutRunsNoneIsListedAndAskingForOneSaysHowToGiveThem() {
        TrainingRuns none = new TrainingRuns(null);
        assertThat(none.list().runsDir()).isNull();
        assertThat(none.list().runs()).isEmpty();
        assertThatThrownBy(() -> none.detail("coref")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).contains("--runs");
        });
    }

    private static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(r -> r.get("name").asText()).toList();
    }

    private static JsonNode json(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return TestServer.json(response);
    }
}

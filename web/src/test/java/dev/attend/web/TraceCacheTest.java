package dev.attend.web;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceCacheTest {
    private static AttentionModel minilm;
    private static AttentionTrace trace;

    @BeforeAll
    static void traceOnce() {
        minilm = Models.load("minilm");
        trace = minilm.trace(TestServer.SEED, Capture.attention().withVectors());
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    @Test
    void theSizeCountsWeightsVectorsAndStates() {
        long floats = 6L * 12 * 12 * 12 + 4L * 6 * 12 * 12 * 32 + 12L * 384;
        assertThat(CachedTrace.bytesOf(trace)).isBetween(4 * floats, 4 * floats + 4096);
    }

    @Test
    void theLeastRecentlyUsedTracesGoFirstAndTheBudgetHolds() {
        long size = CachedTrace.bytesOf(trace);
        TraceCache cache = new TraceCache(3 * size);
        String a = cache.put("minilm", trace).id();
        String b = cache.put("minilm", trace).id();
        String c = cache.put("minilm", trace).id();
        cache.get(a); // now b is the least recently used
        String d = cache.put("minilm", trace).id();
        assertThat(cache.get(a).trace()).isSameAs(trace);
        assertThat(cache.get(c)).isNotNull();
        assertThat(cache.get(d)).isNotNull();
        assertThatThrownBy(() -> cache.get(b)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThat(a).isNotEqualTo(c).matches("[0-9a-f]{32}");
    }

    @Test
    void theNewestIsKeptEvenAlone() {
        TraceCache cache = new TraceCache(1);
        String first = cache.put("minilm", trace).id();
        String second = cache.put("minilm", trace).id();
        assertThat(cache.get(second)).isNotNull();
        assertThatThrownBy(() -> cache.get(first)).isInstanceOf(ApiException.class);
    }
}

package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @AfterEach
    void reset() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private static AtomicIntegerArray visits(int n, int grain) {
        AtomicIntegerArray visits = new AtomicIntegerArray(n);
        Parallel.forRange(n, grain, (from, to) -> {
            for (int i = from; i < to; i++) {
                visits.incrementAndGet(i);
            }
        });
        return visits;
    }

    @Test
    void visitsEveryIndexExactlyOnce() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            for (int n : new int[] {0, 1, 2, 3, 7, 100, 1001}) {
                for (int grain : new int[] {0, 1, 2, 50, 10_000}) {
                    AtomicIntegerArray visits = visits(n, grain);
                    for (int i = 0; i < n; i++) {
                        assertThat(visits.get(i)).as("threads %d n %d grain %d index %d", threads, n, grain, i)
                                .isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void splitsIntoContiguousChunksOnSeveralThreads() {
        Parallel.setThreads(2);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        Set<String> chunks = ConcurrentHashMap.newKeySet();
        Parallel.forRange(10, 1, (from, to) -> {
            threadNames.add(Thread.currentThread().getName());
            chunks.add(from + ".." + to);
        });
        assertThat(chunks).containsExactlyInAnyOrder("0..5", "5..10");
        assertThat(threadNames).hasSize(2).contains(Thread.currentThread().getName());
    }

    @Test
    void smallRangesRunInlineOnTheCaller() {
        Parallel.setThreads(2);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        Parallel.forRange(10, 10, (from, to) -> threadNames.add(Thread.currentThread().getName()));
        assertThat(threadNames).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void nestedCallsRunInlineWithoutDeadlock() {
        Parallel.setThreads(2);
        AtomicIntegerArray visits = new AtomicIntegerArray(100 * 100);
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                Parallel.forRange(100, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        int row = i;
                        Parallel.forRange(100, 1, (f, t) -> {
                            for (int j = f; j < t; j++) {
                                visits.incrementAndGet(row * 100 + j);
                            }
                        });
                    }
                }));
        for (int i = 0; i < visits.length(); i++) {
            assertThat(visits.get(i)).isEqualTo(1);
        }
    }

    @Test
    void concurrentCallersAllGetCorrectResults() throws Exception {
        Parallel.setThreads(2);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[4];
            for (int c = 0; c < futures.length; c++) {
                futures[c] = callers.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        AtomicIntegerArray visits = visits(257, 1);
                        for (int i = 0; i < 257; i++) {
                            if (visits.get(i) != 1) {
                                throw new AssertionError("index " + i + " visited " + visits.get(i) + " times");
                            }
                        }
                    }
                    return null;
                });
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void exceptionsReachTheCallerAndThePoolSurvives() {
        Parallel.setThreads(2);
        assertThatThrownBy(() -> Parallel.forRange(10, 1, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("chunk " + from);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("chunk 5");
        assertThat(visits(10, 1).get(9)).isEqualTo(1);
    }

    @Test
    void threadCountIsPositive() {
        assertThat(Parallel.threads()).isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> Parallel.setThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

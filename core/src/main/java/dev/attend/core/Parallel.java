package dev.attend.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent pool of daemon threads, one per core ({@code -Dattend.threads=N} overrides), that splits a range
 * {@code [0, n)} into equal contiguous chunks, one per thread; the calling thread runs the first chunk itself.
 *
 * <p>Small ranges run inline on the caller. So does any call made from inside a chunk (no deadlock) and any call
 * made while another thread is using the pool (several server threads each get a correct, single-threaded run).
 * The partition depends only on n, grain and the thread count, so a kernel whose chunks do not share outputs gives
 * the same bits with any number of threads.
 */
public final class Parallel {
    private Parallel() {}

    /** The work of one chunk: indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * How a thread waits (an idle worker for work, the caller for the workers): spin briefly (back-to-back GEMMs
     * hand out the next chunks within microseconds), then yield for a while (so JIT compiler and GC threads still
     * get the cores on a small machine), then park.
     */
    private static final long SPIN_NANOS = 20_000;
    private static final long YIELD_NANOS = 1_000_000;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static volatile Worker[] workers = new Worker[0];
    private static volatile int threads = configuredThreads();

    static {
        ensureWorkers(threads - 1);
    }

    /** Threads a parallel range uses, the caller included. */
    public static int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks of at least
     * {@code grain} indices each; returns when all chunks are done. The first exception thrown by a chunk is
     * rethrown here (after all chunks finished).
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(threads, n / Math.max(grain, 1));
        if (chunks <= 1 || Thread.currentThread() instanceof Worker || !BUSY.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            Batch batch = new Batch(chunks - 1, Thread.currentThread());
            Worker[] pool = workers;
            for (int c = 1; c < chunks; c++) {
                pool[c - 1].submit(new Chunk(body, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1), batch));
            }
            try {
                body.run(0, chunkStart(n, chunks, 1));
            } catch (Throwable t) {
                batch.fail(t);
            }
            batch.await();
            batch.rethrow();
        } finally {
            BUSY.set(false);
        }
    }

    private static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    /**
     * Uses {@code count} threads from now on (grows the pool if needed): for tests and benchmarks that compare
     * thread counts in one JVM. Applications set {@code -Dattend.threads} instead.
     */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + count);
        }
        ensureWorkers(count - 1);
        threads = count;
    }

    private static synchronized void ensureWorkers(int count) {
        Worker[] current = workers;
        if (current.length >= count) {
            return;
        }
        Worker[] grown = java.util.Arrays.copyOf(current, count);
        for (int i = current.length; i < count; i++) {
            grown[i] = new Worker(i + 1);
            grown[i].start();
        }
        workers = grown;
    }

    private static int configuredThreads() {
        String value = System.getProperty("attend.threads");
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-Dattend.threads must be a positive integer, got '" + value + "'");
    }

    /** One step of waiting that started at {@code since}: spin, then yield, then park (until unparked). */
    private static void backOff(long since, Object blocker) {
        long waited = System.nanoTime() - since;
        if (waited < SPIN_NANOS) {
            Thread.onSpinWait();
        } else if (waited < YIELD_NANOS) {
            Thread.yield();
        } else {
            LockSupport.park(blocker);
        }
    }

    private record Chunk(RangeBody body, int from, int to, Batch batch) {}

    /** The chunks handed to workers by one forRange call; the caller waits until their count drops to zero. */
    private static final class Batch {
        private final AtomicInteger pending;
        private final Thread caller;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Batch(int pending, Thread caller) {
            this.pending = new AtomicInteger(pending);
            this.caller = caller;
        }

        void fail(Throwable t) {
            failure.compareAndSet(null, t);
        }

        void done() {
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }

        void await() {
            long since = System.nanoTime();
            while (pending.get() > 0) {
                backOff(since, this);
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static final class Worker extends Thread {
        private volatile Chunk chunk;

        Worker(int index) {
            super("attend-worker-" + index);
            setDaemon(true);
        }

        void submit(Chunk next) {
            chunk = next;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Chunk next = awaitChunk();
                chunk = null;
                try {
                    next.body().run(next.from(), next.to());
                } catch (Throwable t) {
                    next.batch().fail(t);
                } finally {
                    next.batch().done();
                }
            }
        }

        private Chunk awaitChunk() {
            long since = System.nanoTime();
            Chunk next;
            while ((next = chunk) == null) {
                backOff(since, this);
            }
            return next;
        }
    }
}

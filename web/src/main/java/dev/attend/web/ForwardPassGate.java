package dev.attend.web;

import java.util.function.Supplier;
import java.util.concurrent.Semaphore;

/**
 * Bounds the forward passes in flight: {@code running} at a time, {@code queued} more waiting (on their own
 * request threads, fairly), and any further request turned away at once with 503 — so neither threads nor
 * memory grow with the load.
 */
final class ForwardPassGate {
    private final Semaphore admitted;
    private final Semaphore running;

    ForwardPassGate(int running, int queued) {
        this.admitted = new Semaphore(running + queued);
        this.running = new Semaphore(running, true);
    }

    <T> T run(Supplier<T> work) {
        if (!admitted.tryAcquire()) throw ApiException.busy();
        try {
            running.acquire();
            try {
                return work.get();
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.busy();
        } finally {
            admitted.release();
        }
    }
}

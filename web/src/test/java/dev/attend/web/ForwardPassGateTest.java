package dev.attend.web;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForwardPassGateTest {

    @Test
    void aQueuedPassWaitsForTheRunningOneAndAnyFurtherIsTurnedAway() throws Exception {
        ForwardPassGate gate = new ForwardPassGate(1, 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> gate.run(() -> {
            inside.countDown();
            await(release);
            return null;
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<String> secondResult = new AtomicReference<>();
        Thread second = Thread.ofPlatform().start(() -> secondResult.set(gate.run(() -> "second")));
        waitUntilParked(second);
        assertThat(secondResult.get()).as("waits its turn").isNull();
        assertThatThrownBy(() -> gate.run(() -> "third")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(503));

        release.countDown();
        first.join(10_000);
        second.join(10_000);
        assertThat(secondResult.get()).isEqualTo("second");
        assertThat(gate.run(() -> "again")).isEqualTo("again");
    }

    @Test
    void aFailingPassGivesBackItsPlace() {
        ForwardPassGate gate = new ForwardPassGate(1, 0);
        for (int k = 0; k < 3; k++) {
            assertThatThrownBy(() -> gate.run(() -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
        }
        assertThat(gate.run(() -> 1)).isEqualTo(1);
    }

    /** The thread waits for the running place (its only way to block). */
    private static void waitUntilParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(2);
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

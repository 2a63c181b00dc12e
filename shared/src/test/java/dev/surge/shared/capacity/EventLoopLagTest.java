package dev.surge.shared.capacity;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** What the probes of real event loops tell a call's deadline about this process's own queue. */
class EventLoopLagTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLoopThatLaggedAndCaughtUpStillExcusesACallAskedBefore() throws Exception {
        EventLoopLag lag = probed();
        // A call asked now, then one loop is held for 150 ms (a pause, a compile, a burst of work) and lets go.
        long asked = lag.lateSoFar();
        CountDownLatch released = new CountDownLatch(1);
        vertx.getOrCreateContext().runOnContext(v -> {
            sleep(150);
            released.countDown();
        });
        assertTrue(released.await(5, TimeUnit.SECONDS));
        // Once the loop runs on time again it lags no more at this moment...
        await().atMost(Duration.ofSeconds(2)).until(() -> lag.lagNanos() < TimeUnit.MILLISECONDS.toNanos(20));
        // ...but a call asked before it was delayed by it, and a call asked after it was not.
        assertTrue(lag.laggedSince(asked));
        assertFalse(lag.laggedSince(lag.lateSoFar()));
        assertTrue(lag.lateSoFar() - asked >= TimeUnit.MILLISECONDS.toNanos(100));
    }

    private EventLoopLag probed() {
        EventLoopLag lag = new EventLoopLag(new CapacitySettings(true, Duration.ofSeconds(1)));
        lag.onStart(null, vertx, new SimpleMeterRegistry());
        return lag;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

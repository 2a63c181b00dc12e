package dev.surge.shared.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * When the breaker opens, what it refuses and how it closes. Its clock is the test's own, moved past the delay
 * (200 ms here, a test of the breaker itself, not of a function's settings) instead of waiting for it.
 */
class DependencyBreakerTest {

    private static final int VOLUME = 20;
    private static final long DELAY = TimeUnit.MILLISECONDS.toNanos(200);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong();
    private final DependencyBreaker breaker = new DependencyBreaker("site", VOLUME, 0.5, DELAY, registry, now::get);
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void halfTheLastCallsFailingOpensItAndOpenItRefusesWithoutCalling() {
        for (int i = 0; i < VOLUME / 2; i++) {
            outcome(succeeding());
        }
        for (int i = 0; i < VOLUME / 2 - 1; i++) {
            outcome(failing(new IllegalStateException("down")));
        }
        // 9 failures in the last 20: still closed.
        assertEquals("ok", outcome(succeeding()));
        // The window now holds 9 of 20 failed (the oldest success slid out); one more failure makes 10.
        outcome(failing(new IllegalStateException("down")));
        int before = calls.get();
        assertInstanceOf(CircuitBreakerOpenException.class, outcome(succeeding()));
        assertEquals(before, calls.get(), "an open breaker must not call the dependency");
        assertEquals(1.0, registry.get("ft.circuitbreaker.opened.total").counter().count());
        assertEquals(1.0, registry.get("ft.circuitbreaker.state.current").tag("state", "open").gauge().value());
        assertEquals(1.0, registry.get("ft.circuitbreaker.calls.total")
                .tag("circuitBreakerResult", "circuitBreakerOpen")
                .counter()
                .count());
    }

    @Test
    void afterTheDelayOneTrialRunsAndItsSuccessClosesTheBreaker() throws Exception {
        open();
        now.addAndGet(DELAY - 1);
        assertInstanceOf(CircuitBreakerOpenException.class, outcome(succeeding()), "still open before the delay");
        now.addAndGet(1);
        CompletableFuture<String> trial = new CompletableFuture<>();
        CompletableFuture<Object> trialOutcome = outcomeLater(breaker.call(() -> Uni.createFrom().completionStage(trial)));
        // While the trial runs, other calls are refused.
        assertInstanceOf(CircuitBreakerOpenException.class, outcome(succeeding()));
        assertEquals(1.0, registry.get("ft.circuitbreaker.state.current").tag("state", "halfOpen").gauge().value());
        trial.complete("trial");
        assertEquals("trial", trialOutcome.get(1, TimeUnit.SECONDS));
        assertEquals("ok", outcome(succeeding()));
        assertEquals(1.0, registry.get("ft.circuitbreaker.state.current").tag("state", "closed").gauge().value());
    }

    @Test
    void aFailedTrialOpensItAgain() throws Exception {
        open();
        now.addAndGet(DELAY);
        outcome(failing(new IllegalStateException("still down")));
        assertInstanceOf(CircuitBreakerOpenException.class, outcome(succeeding()));
        assertEquals(2.0, registry.get("ft.circuitbreaker.opened.total").counter().count());
    }

    @Test
    void callsThatOnlyWaitedBehindThisProcessDoNotCount() {
        for (int i = 0; i < VOLUME * 2; i++) {
            assertInstanceOf(LaggedTimeout.class, outcome(failing(new LaggedTimeout("queued"))));
        }
        assertEquals("ok", outcome(succeeding()));
        assertEquals(0.0, registry.get("ft.circuitbreaker.opened.total").counter().count());
    }

    @Test
    void aCancelledTrialLetsTheNextCallTry() throws Exception {
        open();
        now.addAndGet(DELAY);
        breaker.call(() -> Uni.createFrom().<String>nothing()).subscribe().with(x -> {
        }, x -> {
        }).cancel();
        assertEquals("ok", outcome(succeeding()));
    }

    private void open() {
        for (int i = 0; i < VOLUME; i++) {
            outcome(failing(new IllegalStateException("down")));
        }
        assertInstanceOf(CircuitBreakerOpenException.class, outcome(succeeding()));
    }

    private Uni<String> succeeding() {
        return breaker.call(() -> {
            calls.incrementAndGet();
            return Uni.createFrom().item("ok");
        });
    }

    private Uni<String> failing(Throwable failure) {
        return breaker.call(() -> {
            calls.incrementAndGet();
            return Uni.createFrom().failure(failure);
        });
    }

    private static Object outcome(Uni<?> call) {
        try {
            return outcomeLater(call).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<Object> outcomeLater(Uni<?> call) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        call.subscribe().with(done::complete, done::complete);
        return done;
    }
}

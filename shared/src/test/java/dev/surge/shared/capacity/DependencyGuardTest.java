package dev.surge.shared.capacity;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Which timed-out calls blame the dependency. The guard's own timings are shortened here (a 100 ms timeout, 600
 * ms patience) so the test is quick; this is a test of the timeout itself, not of a function's settings.
 */
class DependencyGuardTest {

    private static final long TIMEOUT = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long PATIENCE = TimeUnit.MILLISECONDS.toNanos(600);

    private final AnswerOrder answers = new AnswerOrder();
    private final DependencyGuard guard = guard();

    @Test
    void aServerThatAnswersNothingIsBlamedWhenTheTimeIsUp() throws Exception {
        long asked = System.nanoTime();
        Object failure = outcome(guard.call(() -> Uni.createFrom().<String>emitter(e -> {
        }))).get(5, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
        assertEquals(TimeoutException.class, failure.getClass(), failure.toString());
        assertTrue(tookMillis < 500, tookMillis + " ms");
    }

    @Test
    void aCallQueuedWhileLaterOnesAreAnsweredWaitsAndIsAnsweredLate() throws Exception {
        AtomicReference<UniEmitter<? super String>> first = new AtomicReference<>();
        CompletableFuture<Object> queued = outcome(guard.call(() -> Uni.createFrom().<String>emitter(first::set)));
        // A call asked after it is answered at once: the server is serving.
        assertEquals("later", guard.call(() -> Uni.createFrom().item("later")).await().atMost(Duration.ofSeconds(1)));
        // Still waiting through twice its timeout: queued, not failed.
        await().during(Duration.ofNanos(TIMEOUT * 2)).atMost(Duration.ofNanos(TIMEOUT * 4)).until(() -> !queued.isDone());
        first.get().complete("first");
        assertEquals("first", queued.get(1, TimeUnit.SECONDS));
    }

    @Test
    void aQueuedCallThatOutlastsThePatienceFailsWithoutBlamingTheServer() throws Exception {
        CompletableFuture<Object> queued = outcome(guard.call(() -> Uni.createFrom().<String>emitter(e -> {
        })));
        guard.call(() -> Uni.createFrom().item("later")).await().atMost(Duration.ofSeconds(1));
        Object failure = queued.get(5, TimeUnit.SECONDS);
        assertInstanceOf(LaggedTimeout.class, failure);
    }

    private static CompletableFuture<Object> outcome(Uni<?> call) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        call.subscribe().with(done::complete, done::complete);
        return done;
    }

    private DependencyGuard guard() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new DependencyGuard("test", null, new EventLoopLag(new CapacitySettings(false, Duration.ofNanos(PATIENCE))),
                answers, TIMEOUT,
                PATIENCE, TimeUnit.MILLISECONDS.toNanos(20), (site, ending) -> registry.timer("calls", "ending",
                        ending));
    }
}

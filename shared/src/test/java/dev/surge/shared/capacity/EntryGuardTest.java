package dev.surge.shared.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import dev.surge.shared.model.Refusal;
import dev.surge.shared.problem.ProblemException;

class EntryGuardTest {

    private final List<UniEmitter<? super String>> pending = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();

    private Uni<String> slowWork() {
        started.incrementAndGet();
        return Uni.createFrom().emitter(pending::add);
    }

    @Test
    void runsTheLimitQueuesTheNextAndRefusesTheRestAtOnce() {
        EntryGuard guard = new EntryGuard("site", 2, 1, Optional.empty());
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            guard.call(this::slowWork, cause -> Uni.createFrom().item("fallback"))
                    .subscribe()
                    .with(answers::add, answers::add);
        }
        assertEquals(2, started.get(), "two run at once");
        assertEquals(1, answers.size(), "the fourth is refused at once: " + answers);
        assertInstanceOf(BulkheadException.class, answers.get(0));
        assertEquals(3, guard.inUse());

        pending.get(0).complete("first");
        assertEquals(3, started.get(), "the waiting call takes the freed place");
        pending.get(1).complete("second");
        pending.get(2).complete("third");
        assertEquals(List.of(answers.get(0), "first", "second", "third"), answers);
        assertEquals(0, guard.inUse());
    }

    @Test
    void aFailureFallsBackButARefusalForTheCallerPassesThrough() {
        EntryGuard guard = new EntryGuard("site", 4, 0, Optional.empty());
        String fellBack = guard.call(() -> Uni.createFrom().failure(new IllegalStateException("redis down")),
                cause -> Uni.createFrom().item("try later: " + cause.getMessage())).await().indefinitely();
        assertEquals("try later: redis down", fellBack);

        List<Object> refused = new ArrayList<>();
        guard.call(() -> Uni.createFrom().<String>failure(ProblemException.badRequest("bad")),
                cause -> Uni.createFrom().item("fallback")).subscribe().with(refused::add, refused::add);
        assertInstanceOf(ProblemException.class, refused.get(0));

        List<Object> refusedByTheDomain = new ArrayList<>();
        guard.call(() -> Uni.createFrom().<String>failure(Refusal.notFound("no such campaign")),
                cause -> Uni.createFrom().item("fallback"))
                .subscribe()
                .with(refusedByTheDomain::add,
                        refusedByTheDomain::add);
        assertInstanceOf(Refusal.class, refusedByTheDomain.get(0));

        String thrown = guard.call(() -> {
            throw new IllegalArgumentException("thrown");
        }, cause -> Uni.createFrom().item("fallback for " + cause.getMessage())).await().indefinitely();
        assertEquals("fallback for thrown", thrown);
        assertEquals(0, guard.inUse());
    }

    @Test
    void aSiteTimeoutEndsTheCallThroughTheFallbackAndFreesItsPlaceWhenTheWorkEnds() {
        EntryGuard guard = new EntryGuard("site", 1, 0, Optional.of(Duration.ofMillis(50)));
        Throwable[] cause = new Throwable[1];
        String answer = guard.call(this::slowWork, c -> {
            cause[0] = c;
            return Uni.createFrom().item("undecided");
        }).await().atMost(Duration.ofSeconds(5));
        assertEquals("undecided", answer);
        assertInstanceOf(TimeoutException.class, cause[0]);
        pending.get(0).complete("late");
        assertEquals(0, guard.inUse());
    }
}

package dev.surge.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;

/**
 * The interception is decided per user and time slot, not rolled per request: a script retrying with fresh keys
 * is let through no more often than an honest user drawing once, and reaches the stock at most as often as its
 * participation limit allows.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class InterceptionTest {

    /** The slot (surge.draw.interception-slot) and grace (surge.draw.interception-grace) in production. */
    private static final Duration SLOT = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(10);

    @Inject
    DrawService service;

    @Inject
    Raffles raffles;

    @AfterEach
    void releaseClock() {
        MovableClockProducer.clockInUse().release();
    }

    @Test
    void aThousandFreshKeysFromOneUserReachTheStockNoMoreThanTheLimit() {
        Campaign raffle = raffles.create(0.95, 1, new ParticipationLimit(3, null), new Raffles.PrizeSpec("tv", 1, 100));
        // Past the grace of a slot, so one slot alone decides.
        long slot = Instant.now().toEpochMilli() / SLOT.toMillis() + 1;
        MovableClockProducer.clockInUse().pin(Instant.ofEpochMilli(slot * SLOT.toMillis() + GRACE.toMillis() + 1000));
        int throughAtAll = 0;
        int users = 100;
        for (int u = 0; u < users; u++) {
            List<String> outcomes = new ArrayList<>();
            for (int k = 0; k < (u == 0 ? 1000 : 10); k++) {
                outcomes.add(Crowd.ask(service, raffle.id(), new Crowd.Draw("scripted-" + u, "fresh-" + u + "-" + k))
                        .outcome());
            }
            long intercepted = outcomes.stream().filter("not-this-time"::equals).count();
            // All of one user's draws in a slot are intercepted, or none is.
            assertTrue(intercepted == 0 || intercepted == outcomes.size(), "user " + u + ": " + outcomes);
            if (intercepted == 0) {
                throughAtAll++;
                long reachedStock = outcomes.stream().filter(o -> !"limited".equals(o)).count();
                assertEquals(3, reachedStock, "user " + u + " reached the stock more often than the limit: " + outcomes);
            }
        }
        System.out.printf("interception 0.95: %d of %d users let through in the slot%n", throughAtAll, users);
        // About 5 of 100 users; far from the 100 a per-request roll would let through with 10 tries each.
        assertTrue(throughAtAll <= 20, throughAtAll + " users let through");
    }

    @Test
    void aUserLetThroughKeepsTheirWayInDuringTheNextSlotsGrace() {
        Campaign raffle = raffles.create(0.5, 1, ParticipationLimit.NONE, new Raffles.PrizeSpec("cup", 1, 100));
        long slot = Instant.now().toEpochMilli() / SLOT.toMillis() + 2;
        Instant lateInSlot = Instant.ofEpochMilli(slot * SLOT.toMillis() - 1000);
        Instant earlyInNext = Instant.ofEpochMilli(slot * SLOT.toMillis() + 1000);
        int checked = 0;
        for (int u = 0; u < 40; u++) {
            String user = "boundary-" + u;
            MovableClockProducer.clockInUse().pin(lateInSlot);
            Crowd.Answer first = Crowd.ask(service, raffle.id(), new Crowd.Draw(user, "the-key"));
            if ("not-this-time".equals(first.outcome())) {
                continue;
            }
            checked++;
            MovableClockProducer.clockInUse().pin(earlyInNext);
            Crowd.Answer retry = Crowd.ask(service, raffle.id(), new Crowd.Draw(user, "the-key"));
            assertEquals(first.outcome(), retry.outcome(), user);
            assertEquals(first.drawId(), retry.drawId(), user);
        }
        assertTrue(checked > 0, "no user let through at 0.5");
        System.out.printf("slot boundary: %d retries of users let through answered as first%n", checked);
    }

}

package dev.surge.draw;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;

/**
 * The operator's brakes on draws, published as the admin function publishes them and measured until draws follow,
 * with the catalog revalidated as in production (each second): pausing stops draws and the
 * {@code draws-not-this-time} switch answers every draw "not this time", each within 2 s, taking nothing.
 */
@QuarkusTest
@TestProfile(DrawBrakeTest.ProductionCatalog.class)
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class DrawBrakeTest {

    private static final long FOLLOWS_WITHIN_MS = 2000;

    public static class ProductionCatalog implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.catalog.revalidate-after", "1s", "surge.test.profile", "production-catalog");
        }
    }

    @Inject
    DrawService service;

    @Inject
    Raffles raffles;

    @Inject
    Publications publications;

    private final AtomicLong keys = new AtomicLong();

    private DrawResult draw(Campaign raffle, String user) {
        return service.draw(Caller.fromClaims(Map.of("sub", user)), raffle.id(), "brake-" + keys.incrementAndGet(),
                RequestAttributes.NONE).await().atMost(Duration.ofSeconds(5));
    }

    /** Publishes the raffle again, as the admin function does after a status or switch change. */
    private Campaign republish(Campaign raffle, CampaignStatus status, Set<Degrade> degrades, long version) {
        return publications.publish(new Campaign(raffle.id(), raffle.name(), status, raffle.startsAt(), raffle.endsAt(),
                raffle.zone(), raffle.priority(), raffle.limit(), raffle.rules(), raffle.draw(), raffle.rateLimits(),
                degrades, version));
    }

    /** How long after now until a draw by a fresh user answers {@code outcome}. */
    private long millisUntil(Campaign raffle, String outcome) {
        long published = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> outcome.equals(draw(raffle, "poller-" + keys.incrementAndGet()).outcome().value()));
        return (System.nanoTime() - published) / 1_000_000;
    }

    @Test
    void theNotThisTimeSwitchAndPausingStopDrawsWithinTwoSecondsAndTakeNothing() {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("voucher", 1, 10_000));
        long prize = raffle.draw().prizes().get(0).id();
        assertTrue(millisUntil(raffle, "won") < 5000);

        republish(raffle, CampaignStatus.ONLINE, Set.of(Degrade.DRAWS_NOT_THIS_TIME), 2);
        long braked = millisUntil(raffle, "not-this-time");
        long stock = raffles.redisStock(raffle.id(), prize);
        long grants = raffles.grants(raffle.id());
        for (int i = 0; i < 20; i++) {
            assertEquals("not-this-time", draw(raffle, "braked-" + i).outcome().value());
        }
        assertEquals(stock, raffles.redisStock(raffle.id(), prize), "the brake takes no stock");
        assertEquals(grants, raffles.grants(raffle.id()), "the brake grants nothing");

        republish(raffle, CampaignStatus.ONLINE, Set.of(), 3);
        long released = millisUntil(raffle, "won");

        republish(raffle, CampaignStatus.PAUSED, Set.of(), 4);
        long paused = millisUntil(raffle, "ineligible");
        System.out.printf("draws followed: switch on %d ms, off %d ms, paused %d ms%n", braked, released, paused);
        assertTrue(braked <= FOLLOWS_WITHIN_MS, "switch on after " + braked + " ms");
        assertTrue(released <= FOLLOWS_WITHIN_MS, "switch off after " + released + " ms");
        assertTrue(paused <= FOLLOWS_WITHIN_MS, "paused after " + paused + " ms");
    }
}

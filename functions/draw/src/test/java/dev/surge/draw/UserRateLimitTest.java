package dev.surge.draw;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;

/**
 * A campaign's per-user rate limit on draws, counted inside the draw script: at most N draws per user in each
 * fixed window, 429 problem+json with Retry-After (seconds until the window ends) past it, a repeated key answered
 * as before without being counted, and the stock and grant invariants untouched.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class UserRateLimitTest {

    @Inject
    Raffles raffles;

    @Inject
    DrawService service;

    @AfterEach
    void release() {
        MovableClockProducer.clockInUse().release();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** Pins the application clock {@code intoWindow} after the start of a window of {@code seconds}. */
    private static Instant pinInWindow(int seconds, Duration intoWindow) {
        long window = seconds * 1000L;
        Instant start = Instant.ofEpochMilli((System.currentTimeMillis() / window + 1) * window);
        Instant at = start.plus(intoWindow);
        MovableClockProducer.clockInUse().pin(at);
        return at;
    }

    /** A raffle without interception; with prizes, every draw picks one (no no-prize weight). */
    private Campaign raffle(int max, int windowSeconds, Raffles.PrizeSpec... prizes) {
        RateLimits limits = new RateLimits(new RateLimit(max, windowSeconds), null, null);
        return raffles.create(limits, 0, prizes.length == 0 ? 1 : 0, ParticipationLimit.NONE, prizes);
    }

    @Test
    void eachUserGetsAtMostTheLimitPerWindowAndThen429WithRetryAfter() {
        Campaign raffle = raffle(3, 60);
        pinInWindow(60, Duration.ofSeconds(20));
        for (int i = 0; i < 3; i++) {
            DrawTest.draw("hasty", raffle.id(), key()).statusCode(200).body("outcome", equalTo("lost"));
        }
        DrawTest.draw("hasty", raffle.id(), key())
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "40")
                .body("status", equalTo(429))
                .body("title", equalTo("Too many draws"))
                .body("detail", containsString("at most 3 every 60 s"));
        // Another user has a window of their own.
        for (int i = 0; i < 3; i++) {
            DrawTest.draw("patient", raffle.id(), key()).statusCode(200).body("outcome", equalTo("lost"));
        }
        // The refused draw was not recorded and took nothing: three draws of "hasty" reached the stock's side.
        assertEquals(3, raffles.participation(raffle.id(), "hasty"));
        assertEquals(1, raffles.tally(raffle.id(), "rate-limited"));
        // Later in the same window the wait is shorter; in the next window the user may draw again.
        MovableClockProducer.clockInUse().advance(Duration.ofMillis(30_500));
        DrawTest.draw("hasty", raffle.id(), key()).statusCode(429).header("Retry-After", "10");
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(10));
        DrawTest.draw("hasty", raffle.id(), key()).statusCode(200).body("outcome", equalTo("lost"));
    }

    @Test
    void aRepeatedKeyGetsTheSameAnswerAndIsNotCharged() {
        Campaign raffle = raffle(2, 3600, new Raffles.PrizeSpec("mug", 1, 1));
        pinInWindow(3600, Duration.ofMinutes(10));
        String first = key();
        String drawId = DrawTest.draw("repeater", raffle.id(), first)
                .statusCode(200)
                .body("outcome", equalTo("won"))
                .extract()
                .path("drawId");
        for (int i = 0; i < 5; i++) {
            DrawTest.draw("repeater", raffle.id(), first)
                    .statusCode(200)
                    .body("outcome", equalTo("won"))
                    .body("drawId", equalTo(drawId));
        }
        // Five repeats cost nothing: the second unit of the window is still there.
        DrawTest.draw("repeater", raffle.id(), key()).statusCode(200).body("outcome", equalTo("sold-out"));
        String refused = key();
        DrawTest.draw("repeater", raffle.id(), refused).statusCode(429).header("Retry-After", "3000");
        // Over the limit, the first key is still answered as before.
        DrawTest.draw("repeater", raffle.id(), first)
                .statusCode(200)
                .body("outcome", equalTo("won"))
                .body("drawId", equalTo(drawId));
        // A refused key was not recorded: refused again in this window, a fresh attempt in the next.
        DrawTest.draw("repeater", raffle.id(), refused).statusCode(429);
        MovableClockProducer.clockInUse().advance(Duration.ofMinutes(50));
        DrawTest.draw("repeater", raffle.id(), refused).statusCode(200).body("outcome", equalTo("sold-out"));
        assertEquals(1, raffles.grants(raffle.id()));
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
        assertEquals(3, raffles.participation(raffle.id(), "repeater"));
    }

    @Test
    void aCrowdOfRetriesCannotPassTheLimitNorOversellTheStock() throws Exception {
        Campaign raffle = raffle(3, 3600, new Raffles.PrizeSpec("phone", 1, 40));
        long prize = raffle.draw().prizes().get(0).id();
        pinInWindow(3600, Duration.ofMinutes(1));
        List<Crowd.Draw> draws = new ArrayList<>();
        for (int attempt = 0; attempt < 8; attempt++) {
            for (int user = 0; user < 30; user++) {
                draws.add(new Crowd.Draw("crowd-" + user, "k-" + user + "-" + attempt));
            }
        }
        // Half the users repeat their first key as well: never charged, always the first answer.
        for (int user = 0; user < 30; user += 2) {
            draws.add(new Crowd.Draw("crowd-" + user, "k-" + user + "-0"));
        }
        List<Crowd.Answer> answers = Crowd.send(service, raffle.id(), draws, 32);
        Map<String, List<Crowd.Answer>> byUser = answers.stream()
                .collect(Collectors.groupingBy(a -> a.draw().userId()));
        for (Map.Entry<String, List<Crowd.Answer>> user : byUser.entrySet()) {
            long keysPassed = user.getValue()
                    .stream()
                    .filter(a -> !"http-429".equals(a.outcome()))
                    .map(a -> a.draw().key())
                    .distinct()
                    .count();
            assertEquals(3, keysPassed, user.getKey() + ": " + user.getValue());
            assertTrue(user.getValue().stream().allMatch(a -> a.real() || "http-429".equals(a.outcome())),
                    user.getValue().toString());
            assertEquals(3, raffles.participation(raffle.id(), user.getKey()));
        }
        // 90 draws reached the stock of 40: every unit granted at most once, and Redis and MySQL agree.
        long grants = raffles.grants(raffle.id());
        assertTrue(grants <= 40, "grants " + grants);
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
        assertEquals(40 - grants, raffles.mysqlStock(prize));
        assertEquals(40 - grants, raffles.redisStock(raffle.id(), prize) + raffles.pending(raffle.id()));
    }

    @Test
    void withoutALimitNothingIsCounted() {
        Campaign raffle = raffles.create(0, 1, ParticipationLimit.NONE);
        for (int i = 0; i < 12; i++) {
            DrawTest.draw("free", raffle.id(), key()).statusCode(200).body("outcome", equalTo("lost"));
        }
        assertEquals(0, raffles.tally(raffle.id(), "rate-limited"));
    }
}

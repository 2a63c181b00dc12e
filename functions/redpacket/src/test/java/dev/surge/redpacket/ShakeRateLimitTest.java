package dev.surge.redpacket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.redpacket.service.RainService;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rest.ProblemMapper;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.TestTokens;

/**
 * A campaign's per-user rate limit on shakes, counted inside the rain's shake script: at most N shakes per user
 * reach the rain in each window, the rest are answered 429 problem+json with Retry-After; shakes the function
 * answers itself (nothing released yet) cost nothing; the rain's own invariants hold.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class ShakeRateLimitTest {

    @Inject
    RainService service;

    @Inject
    Rains rains;

    @AfterEach
    void releaseClock() {
        MovableClockProducer.clockInUse().release();
    }

    /** An online campaign letting each user shake {@code max} times a {@code seconds} window, in the catalog. */
    private long campaign(int max, int seconds) {
        Campaign campaign = Publications.online(Publications.newId(), 0)
                .withRateLimits(new RateLimits(null, new RateLimit(max, seconds), null));
        rains.publish(campaign);
        return campaign.id();
    }

    /** Pins the clock {@code into} a fresh window of a minute. */
    private static Instant pinInMinute(Duration into) {
        Instant at = Instant.ofEpochMilli((System.currentTimeMillis() / 60_000 + 1) * 60_000).plus(into);
        MovableClockProducer.clockInUse().pin(at);
        return at;
    }

    @Test
    void shakesPastTheLimitAre429WithRetryAfterAndTakeNothing() {
        long id = campaign(3, 60);
        Instant start = pinInMinute(Duration.ofSeconds(5));
        Packets.await(service.start(id, new StartRain(5000, 7L, null, null, 1000, start, 1, 100)));
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            given().auth()
                    .oauth2(TestTokens.user("shaker"))
                    .post("/v1/campaigns/" + id + "/shake")
                    .then()
                    .statusCode(200)
                    .body("outcome", equalTo("won"));
        }
        given().auth()
                .oauth2(TestTokens.user("shaker"))
                .post("/v1/campaigns/" + id + "/shake")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "45")
                .body("status", equalTo(429))
                .body("detail", containsString("at most 3 every 60 s"));
        assertEquals(3, rains.handed(id, 1));
        // Others shake as before; the shaker again in the next window.
        assertEquals(ShakeOutcome.WON, Packets.await(service.shake(Packets.user("other"), id)).outcome());
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(45));
        assertEquals(ShakeOutcome.WON, Packets.await(service.shake(Packets.user("shaker"), id)).outcome());
        assertEquals(5, rains.handed(id, 1));
    }

    @Test
    void shakesAnsweredWithoutRedisAreNotCounted() {
        long id = campaign(2, 60);
        Instant start = pinInMinute(Duration.ofSeconds(1));
        // One packet a second in one bucket, none yet: the first shake learns when the next comes, the rest wait here.
        Packets.await(service.start(id, new StartRain(10, 5L, null, null, 1, start, 1, 10)));
        for (int i = 0; i < 10; i++) {
            assertEquals(ShakeOutcome.NONE, Packets.await(service.shake(Packets.user("waiting"), id)).outcome());
        }
        // One of the ten reached the script: one more may, then the limit answers.
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(1));
        assertEquals(ShakeOutcome.WON, Packets.await(service.shake(Packets.user("waiting"), id)).outcome());
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(1));
        Refusal refused = org.junit.jupiter.api.Assertions.assertThrows(Refusal.class,
                () -> Packets.await(service.shake(Packets.user("waiting"), id)));
        assertEquals(429, ProblemMapper.status(refused.reason()));
        assertEquals(Duration.ofSeconds(57), refused.retryAfter().orElseThrow());
    }

    @Test
    void aCrowdOfShakersStaysWithinItsLimitTheReleaseAndTheCap() throws Exception {
        long id = campaign(3, 60);
        Instant start = pinInMinute(Duration.ofSeconds(1));
        Packets.await(service.start(id, new StartRain(400, null, 1L, 99L, 1000, start, 4, 2)));
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(2));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        Map<String, List<String>> answers = new ConcurrentHashMap<>();
        List<Future<?>> running = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            String user = "crowd-" + u;
            for (int s = 0; s < 8; s++) {
                running.add(pool.submit(() -> {
                    go.await();
                    String outcome;
                    try {
                        outcome = Packets.await(service.shake(Packets.user(user), id)).outcome().value();
                    } catch (Refusal e) {
                        outcome = "http-" + ProblemMapper.status(e.reason());
                    }
                    answers.computeIfAbsent(user, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(outcome);
                    return null;
                }));
            }
        }
        go.countDown();
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        long won = 0;
        for (Map.Entry<String, List<String>> user : answers.entrySet()) {
            List<String> outcomes = user.getValue();
            long reached = outcomes.stream().filter(o -> !"http-429".equals(o)).count();
            long wins = outcomes.stream().filter(ShakeOutcome.WON.value()::equals).count();
            assertEquals(3, reached, user.getKey() + ": " + outcomes);
            assertTrue(wins <= 2, user.getKey() + " won " + wins);
            won += wins;
        }
        // Every user took at most their cap, and every packet won was handed out once.
        assertTrue(won <= 80, "won " + won);
        assertEquals(won, rains.handed(id, 4));
    }
}

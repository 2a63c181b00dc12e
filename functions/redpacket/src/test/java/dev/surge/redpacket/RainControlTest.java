package dev.surge.redpacket;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.surge.redpacket.service.RainService;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClock;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.Sql;
import dev.surge.shared.testing.TestTokens;

/**
 * Operators see and steer a rain over the admin API: its status, pause, resume, stop and rate. A change binds every
 * bucket at once and reaches every instance's own answers within 2 s (measured); nothing is released in a rush
 * after a pause; stopping takes nothing back; the invariants hold across it all; bad input and callers without
 * the admin scope change nothing.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class RainControlTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    @Inject
    RainService service;

    @Inject
    Rains rains;

    @Inject
    Packets packets;

    @AfterEach
    void releaseClock() {
        MovableClockProducer.clockInUse().release();
    }

    private static Instant pinNow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MovableClockProducer.clockInUse().pin(now);
        return now;
    }

    private ShakeResult shake(String user, long campaignId) {
        return Packets.await(service.shake(Packets.user(user), campaignId));
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2(TestTokens.admin());
    }

    private static String rain(long campaignId) {
        return "/admin/v1/campaigns/" + campaignId + "/rain";
    }

    private static ValidatableResponse steer(long campaignId, String action) {
        return operator().post(rain(campaignId) + "/" + action).then().log().ifValidationFails();
    }

    private static ValidatableResponse rate(long campaignId, String body) {
        return operator().contentType(ContentType.JSON)
                .body(body)
                .put(rain(campaignId) + "/rate")
                .then()
                .log()
                .ifValidationFails();
    }

    private static JsonPath status(long campaignId) {
        return operator().get(rain(campaignId)).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    /** Shakes until one is not answered as the rain's former state, while this instance's plan catches up. */
    private void awaitPlanLeaves(ShakeOutcome outcome, String user, long campaignId) {
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !outcome.equals(shake(user, campaignId).outcome()));
    }

    @Test
    void theStatusShowsReleasedWonAndRemainingOverallAndByBucket() {
        Instant now = pinNow();
        long id = rains.campaignId();
        int total = operator().contentType(ContentType.JSON)
                .body("{\"totalPackets\":40,\"minCents\":1,\"maxCents\":300,\"ratePerSecond\":20,\"buckets\":4,"
                        + "\"perUserMax\":5,\"startsAt\":\"" + now + "\"}")
                .post(rain(id))
                .then()
                .statusCode(201)
                .extract()
                .path("totalCents");
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(1));
        long wonCents = 0;
        for (int u = 0; u < 200; u++) {
            ShakeResult answer = shake("looker-" + u % 40, id);
            if (ShakeOutcome.WON.equals(answer.outcome())) {
                wonCents += answer.amountCents();
            }
        }
        JsonPath status = status(id);
        assertEquals("running", status.getString("state"));
        assertEquals(20, status.getInt("ratePerSecond"));
        assertEquals(40, status.getInt("totalPackets"));
        assertEquals(total, status.getLong("totalCents"));
        // 20 a second over 4 buckets: 5 each after a second, all of them caught by 40 shakers.
        assertEquals(20, status.getLong("released"));
        assertEquals(20, status.getLong("won"));
        assertEquals(wonCents, status.getLong("wonCents"));
        assertEquals(20, status.getLong("remaining"));
        assertEquals(total - wonCents, status.getLong("remainingCents"));
        assertEquals(total - wonCents, rains.leftCents(id, 4));
        assertEquals(4, status.getList("buckets").size());
        for (int b = 0; b < 4; b++) {
            assertEquals(b, status.getInt("buckets[" + b + "].bucket"));
            assertEquals(10, status.getInt("buckets[" + b + "].size"));
            assertEquals(5, status.getLong("buckets[" + b + "].released"));
            assertEquals(5, status.getLong("buckets[" + b + "].won"));
            assertEquals("running", status.getString("buckets[" + b + "].state"));
        }
        assertEquals(now.plusSeconds(2), Instant.parse(status.getString("releasedBy")));
    }

    @Test
    void aPauseHoldsTheReleaseAndAResumeGoesOnWithoutMakingUpThePause() {
        Instant now = pinNow();
        MovableClock clock = MovableClockProducer.clockInUse();
        long id = rains.campaignId();
        Packets.await(service.start(id, new StartRain(100, 10L, null, null, 10, now, 1, 100)));
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            assertEquals(ShakeOutcome.WON, shake("steady", id).outcome());
        }
        assertEquals(ShakeOutcome.NONE, shake("steady", id).outcome());

        steer(id, "pause").statusCode(200)
                .body("state", equalTo("paused"))
                .body("released", equalTo(10))
                .body("won", equalTo(10))
                .body("version", equalTo(1));
        // The bucket obeys at once, whatever this instance's copy of the plan still says.
        clock.advance(Duration.ofSeconds(10));
        assertEquals(ShakeOutcome.PAUSED, shake("steady", id).outcome());
        assertEquals(10, rains.handed(id, 1));
        steer(id, "pause").statusCode(200).body("state", equalTo("paused")).body("version", equalTo(1));
        assertEquals(10, status(id).getLong("released"));

        steer(id, "resume").statusCode(200)
                .body("state", equalTo("running"))
                .body("released", equalTo(10))
                .body("version", equalTo(2));
        awaitPlanLeaves(ShakeOutcome.PAUSED, "steady", id);
        assertEquals(10, rains.handed(id, 1), "ten seconds of pause released nothing");
        clock.advance(Duration.ofSeconds(1));
        int won = 0;
        for (int i = 0; i < 15; i++) {
            won += ShakeOutcome.WON.equals(shake("steady", id).outcome()) ? 1 : 0;
        }
        assertEquals(10, won);
        assertEquals(20, status(id).getLong("released"));
        assertEquals(200, packets.rainBooks().wonCents(id));
    }

    @Test
    void aNewRateTakesOverFromNow() {
        Instant now = pinNow();
        MovableClock clock = MovableClockProducer.clockInUse();
        long id = rains.campaignId();
        Packets.await(service.start(id, new StartRain(500, 1L, null, null, 10, now, 1, 500)));
        clock.advance(Duration.ofSeconds(1));
        rate(id, "{\"ratePerSecond\":50}").statusCode(200)
                .body("ratePerSecond", equalTo(50))
                .body("released", equalTo(10))
                .body("buckets[0].ratePerSecond", equalTo(50));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(60, status(id).getLong("released"));
        int won = 0;
        for (int i = 0; i < 70; i++) {
            won += ShakeOutcome.WON.equals(shake("quick", id).outcome()) ? 1 : 0;
        }
        assertEquals(60, won);

        rate(id, "{\"ratePerSecond\":5}").statusCode(200).body("ratePerSecond", equalTo(5));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(70, status(id).getLong("released"));
        // Unchanged rate: nothing to write.
        rate(id, "{\"ratePerSecond\":5}").statusCode(200).body("version", equalTo(2));
    }

    @Test
    void stoppingIsFinalAndTakesNothingBack() {
        Instant now = pinNow();
        MovableClock clock = MovableClockProducer.clockInUse();
        long id = rains.campaignId();
        int total = Packets.await(service.start(id, new StartRain(60, null, 10L, 90L, 20, now, 2, 100)))
                .totalPackets();
        clock.advance(Duration.ofSeconds(1));
        long wonCents = 0;
        for (int u = 0; u < 80; u++) {
            ShakeResult answer = shake("before-stop-" + u, id);
            wonCents += ShakeOutcome.WON.equals(answer.outcome()) ? answer.amountCents() : 0;
        }
        assertEquals(20, rains.handed(id, 2));

        long totalCents = Sql.number(packets.database(), "SELECT total_cents FROM rain WHERE campaign_id = " + id);
        steer(id, "stop").statusCode(200)
                .body("state", equalTo("stopped"))
                .body("won", equalTo(20))
                .body("remaining", equalTo(total - 20))
                .body("remainingCents", equalTo((int) (totalCents - wonCents)));
        clock.advance(Duration.ofSeconds(10));
        for (int u = 0; u < 20; u++) {
            assertEquals(ShakeOutcome.NONE, shake("after-stop-" + u, id).outcome());
        }
        assertEquals(20, rains.handed(id, 2));
        assertEquals(20, packets.rainBooks().wins(id));
        assertEquals(wonCents,
                packets.rainBooks().wonCents(id));
        assertEquals(totalCents, wonCents + rains.leftCents(id, 2));

        Map<String, String> plan = rains.plan(id);
        steer(id, "resume").statusCode(409).contentType("application/problem+json");
        steer(id, "pause").statusCode(409).contentType("application/problem+json");
        rate(id, "{\"ratePerSecond\":30}").statusCode(409).contentType("application/problem+json");
        assertEquals(plan, rains.plan(id));
        steer(id, "stop").statusCode(200).body("state", equalTo("stopped"));
        assertEquals(20, status(id).getLong("released"), "a stopped rain releases nothing more");
    }

    /** Every shake's answer of a run, as the shakers saw them. */
    private static final class Tally {

        final Map<Integer, String> winnerOf = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> winsOf = new ConcurrentHashMap<>();
        final AtomicLong wonCents = new AtomicLong();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger tryLater = new AtomicInteger();

        ShakeResult add(String user, ShakeResult answer) {
            if (ShakeOutcome.WON.equals(answer.outcome())) {
                if (winnerOf.putIfAbsent(answer.packet(), user) != null) {
                    duplicates.incrementAndGet();
                }
                winsOf.computeIfAbsent(user, x -> new AtomicInteger()).incrementAndGet();
                wonCents.addAndGet(answer.amountCents());
            } else if (ShakeOutcome.TRY_LATER.equals(answer.outcome())) {
                tryLater.incrementAndGet();
            }
            return answer;
        }
    }

    @Test
    void theInvariantsHoldThroughAPauseAResumeAndANewRateUnderACrowd() throws Exception {
        Instant start = pinNow();
        MovableClock clock = MovableClockProducer.clockInUse();
        long id = rains.campaignId();
        int buckets = 8;
        int perUser = 2;
        Packets.await(service.start(id, new StartRain(1000, null, 1L, 100L, 200, start, buckets, perUser)));
        long totalCents = Sql.number(packets.database(), "SELECT total_cents FROM rain WHERE campaign_id = " + id);

        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        int users = 600;
        long releasedAtPause = -1;
        // Each step: the operator's change (if any), 250 ms of the rain's clock, then the whole crowd shakes once.
        for (int step = 1; step <= 12; step++) {
            if (step == 5) {
                releasedAtPause = steer(id, "pause").statusCode(200).extract().jsonPath().getLong("released");
            }
            if (step == 8) {
                steer(id, "resume").statusCode(200);
                await().atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> !ShakeOutcome.PAUSED.equals(tally.add("probe", shake("probe", id)).outcome()));
            }
            if (step == 10) {
                rate(id, "{\"ratePerSecond\":400}").statusCode(200);
            }
            clock.advance(Duration.ofMillis(250));
            long handedBefore = rains.handed(id, buckets);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String user = "crowd-" + u;
                running.add(pool.submit(() -> {
                    go.await();
                    return tally.add(user, shake(user, id));
                }));
            }
            go.countDown();
            for (Future<?> f : running) {
                f.get();
            }
            JsonPath status = status(id);
            assertTrue(status.getLong("won") <= status.getLong("released"), "step " + step + ": " + status.prettify());
            for (int b = 0; b < buckets; b++) {
                assertTrue(status.getLong("buckets[" + b + "].won") <= status.getLong("buckets[" + b + "].released"));
            }
            if (step >= 5 && step <= 7) {
                assertEquals(handedBefore, rains.handed(id, buckets), "paused, step " + step);
                assertEquals(releasedAtPause, status.getLong("released"));
            }
            if (step == 8) {
                // 250 ms of release after the resume: 6.25 more per bucket, nothing for the 750 ms of pause.
                assertEquals(buckets * 25, releasedAtPause);
                assertEquals(buckets * 31, status.getLong("released"));
            }
            if (step == 12) {
                // Then 250 ms more at 200/s (37.5 per bucket when the rate changed) and 750 ms at 400/s (37.5 more).
                assertEquals(buckets * 75, status.getLong("released"));
            }
        }
        pool.shutdown();

        assertEquals(0, tally.duplicates.get());
        assertEquals(0, tally.tryLater.get());
        assertTrue(tally.winsOf.values().stream().allMatch(w -> w.get() <= perUser));
        JsonPath status = status(id);
        assertEquals(tally.winnerOf.size(), status.getLong("won"));
        assertEquals(tally.wonCents.get(), status.getLong("wonCents"));
        assertEquals(tally.winnerOf.size(),
                packets.rainBooks().wins(id));
        assertEquals(tally.wonCents.get(),
                packets.rainBooks().wonCents(id));
        assertEquals(totalCents, tally.wonCents.get() + rains.leftCents(id, buckets));
        assertEquals(totalCents - tally.wonCents.get(), status.getLong("remainingCents"));
    }

    @Test
    void aChangeReachesEveryShakeWithinTwoSeconds() {
        long id = rains.campaignId();
        Packets.await(service.start(id, new StartRain(100000, 1L, null, null, 2000, null, 8, 1000)));
        await().atMost(Duration.ofSeconds(5)).until(() -> ShakeOutcome.WON.equals(shake("eager", id).outcome()));

        Instant paused = Instant.now();
        steer(id, "pause").statusCode(200);
        for (int u = 0; u < 100; u++) {
            assertFalse(ShakeOutcome.WON.equals(shake("fleet-" + u, id).outcome()), "a win after the pause");
        }
        // Every bucket answers "paused" from then on, and so does this instance's plan once it has read it again.
        await().atMost(BOUND.plusSeconds(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (int u = 0; u < 16; u++) {
                if (!ShakeOutcome.PAUSED.equals(shake("fleet-" + u, id).outcome())) {
                    return false;
                }
            }
            return true;
        });
        Duration seen = Duration.between(paused, Instant.now());
        assertTrue(seen.compareTo(BOUND) < 0, "pause seen after " + seen);

        Instant resumed = Instant.now();
        steer(id, "resume").statusCode(200);
        await().atMost(BOUND.plusSeconds(3))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ShakeOutcome.WON.equals(shake("eager", id).outcome()));
        Duration back = Duration.between(resumed, Instant.now());
        assertTrue(back.compareTo(BOUND) < 0, "resume seen after " + back);

        // One packet a minute per bucket: the first shake leaves this instance sure of a minute of "none"; a new rate
        // must not wait for that minute.
        long slow = rains.campaignId();
        Packets.await(service.start(slow, new StartRain(1000, 1L, null, null, 1, null, 64, 1000)));
        assertEquals(ShakeOutcome.NONE, shake("patient", slow).outcome());
        assertEquals(ShakeOutcome.NONE, shake("patient", slow).outcome());
        Instant faster = Instant.now();
        rate(slow, "{\"ratePerSecond\":100000}").statusCode(200);
        await().atMost(BOUND.plusSeconds(3))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ShakeOutcome.WON.equals(shake("patient", slow).outcome()));
        Duration quicker = Duration.between(faster, Instant.now());
        assertTrue(quicker.compareTo(BOUND) < 0, "new rate seen after " + quicker);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        long noRain = rains.campaignId();
        operator().get(rain(noRain)).then().statusCode(404).contentType("application/problem+json");
        for (String action : List.of("pause", "resume", "stop")) {
            steer(noRain, action).statusCode(404).contentType("application/problem+json");
        }
        rate(noRain, "{\"ratePerSecond\":10}").statusCode(404).contentType("application/problem+json");
        assertEquals(List.of(), rains.rainKeys(noRain));
        steer(424242424242L, "pause").statusCode(404).contentType("application/problem+json");

        long id = rains.campaignId();
        Packets.await(service.start(id, new StartRain(20, 1L, null, null, 10, null, 2, 1)));
        Map<String, String> plan = rains.plan(id);
        Map<String, String> bucket = rains.bucket(id, 0);
        for (String body : List.of("{\"ratePerSecond\":0}", "{\"ratePerSecond\":-5}", "{\"ratePerSecond\":100001}",
                "{\"ratePerSecond\":\"fast\"}", "{\"ratePerSecond\":1.5}", "{\"ratePerSecond\":99999999999}", "{}",
                "{\"ratePerSecond\":5,\"burst\":2}", "[]", "")) {
            rate(id, body).statusCode(400).contentType("application/problem+json");
        }
        operator().put(rain(id) + "/rate").then().statusCode(400).contentType("application/problem+json");
        assertEquals(plan, rains.plan(id));
        assertEquals(bucket, rains.bucket(id, 0));
        assertEquals(10, status(id).getInt("ratePerSecond"));
    }

    @Test
    void withoutTheAdminScopeNothingIsShownOrChanged() {
        long id = rains.campaignId();
        Packets.await(service.start(id, new StartRain(20, 1L, null, null, 10, null, 2, 1)));
        Map<String, String> plan = rains.plan(id);
        String user = TestTokens.user("not-an-operator");
        for (String token : List.of("", TestTokens.expired("operator"), user)) {
            int expected = token.equals(user) ? 403 : 401;
            Supplier<RequestSpecification> caller = () -> token.isEmpty() ? given() : given().auth().oauth2(token);
            caller.get().get(rain(id)).then().statusCode(expected).contentType("application/problem+json");
            for (String action : List.of("pause", "resume", "stop")) {
                caller.get()
                        .post(rain(id) + "/" + action)
                        .then()
                        .statusCode(expected)
                        .contentType("application/problem+json");
            }
            caller.get()
                    .contentType(ContentType.JSON)
                    .body("{\"ratePerSecond\":50}")
                    .put(rain(id) + "/rate")
                    .then()
                    .statusCode(expected)
                    .contentType("application/problem+json");
        }
        assertEquals(plan, rains.plan(id));
    }
}

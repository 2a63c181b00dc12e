package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.qr.service.CodePool;
import dev.surge.shared.catalog.CampaignCatalog;
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
 * Per-user limits on QR allocation, counted in the claim script: the per-user rate limit of the campaign a pool
 * serves, and the pool's own daily cap per user, whose days are the pool's zone's (Asia/Shanghai here, so a day ends
 * at 16:00 UTC). A refused allocation is 429 problem+json with Retry-After and takes no code; a replay of a key is
 * answered with its code and costs nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
@TestProfile(AllocationLimitsTest.CappedPool.class)
class AllocationLimitsTest {

    static final long CAMPAIGN = 8_000_000_001L;
    /** 23:58:30 in Shanghai, 30 s into a minute. */
    private static final String MINE = "business_type = 'capped' AND user_id IN ('sharer', 'neighbour')";
    static final Instant LATE_EVENING = Instant.parse("2031-03-04T15:58:30Z");

    /** A plain pool bound to a campaign, with a cap of 3 codes per user and Shanghai day. */
    public static class CappedPool implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.qr.pools.capped.kind", "plain",
                    "surge.qr.pools.capped.landing", "https://go.surge.test/c/",
                    "surge.qr.pools.capped.business-types", "capped",
                    "surge.qr.pools.capped.target", "10",
                    "surge.qr.pools.capped.low-water", "2",
                    "surge.qr.pools.capped.per-user-per-day", "3",
                    "surge.qr.pools.capped.zone", "Asia/Shanghai",
                    "surge.qr.pools.capped.campaign-id", Long.toString(CAMPAIGN));
        }
    }

    private static final AtomicLong VERSIONS = new AtomicLong();

    @Inject
    Publications publications;

    @Inject
    CampaignCatalog catalog;

    @Inject
    CodePool pool;

    @Inject
    Codes codes;

    @AfterEach
    void release() {
        MovableClockProducer.clockInUse().release();
    }

    /** Publishes the pool's campaign with a rate limit of {@code max} allocations per user a minute. */
    private void campaign(int max) {
        long version = VERSIONS.incrementAndGet();
        Campaign campaign = Publications.online(CAMPAIGN, 0);
        // Its window spans the evening the clock is pinned to, years ahead: allocations obey it.
        publications.publish(new Campaign(campaign.id(), campaign.name(), campaign.status(), campaign.startsAt(),
                LATE_EVENING.plus(Duration.ofDays(7)), campaign.zone(), campaign.priority(), campaign.limit(), campaign.rules(),
                null,
                new RateLimits(null, null, new RateLimit(max, 60)), version));
        // The catalog sees a publish within its revalidation period; the test waits for it, as allocations would.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> catalog.only(List.of(CAMPAIGN))
                        .await()
                        .atMost(Duration.ofSeconds(5))
                        .stream()
                        .anyMatch(c -> c.version() >= version));
    }

    private static ValidatableResponse allocate(String user, String key, String type) {
        return given().auth()
                .oauth2(TestTokens.user(user))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"page\":\"pages/share/index\",\"params\":{\"from\":\"" + user + "\"},\"businessType\":\"" + type
                        + "\"}")
                .post("/v1/qr-codes")
                .then()
                .log()
                .ifValidationFails();
    }

    @Test
    void theRateLimitAndTheDailyCapHoldAndRepeatsCostNothing() {
        campaign(2);
        MovableClockProducer.clockInUse().pin(LATE_EVENING);
        String first = allocate("sharer", "alloc-key-0001", "capped").statusCode(201).extract().path("requestId");
        allocate("sharer", "alloc-key-0002", "capped").statusCode(201);
        // Over the campaign's 2 a minute: 30 s left in the minute.
        allocate("sharer", "alloc-key-0003", "capped").statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("title", equalTo("Too many allocations"))
                .body("detail", containsString("at most 2 every 60 s"));
        // The first key again: the same code, and no unit spent.
        for (int i = 0; i < 3; i++) {
            allocate("sharer", "alloc-key-0001", "capped").statusCode(201).body("requestId", equalTo(first));
        }
        // Another user, and another pool, are not held back.
        allocate("neighbour", "alloc-key-0004", "capped").statusCode(201);
        allocate("sharer", "alloc-key-0005", "poster").statusCode(201);

        // The next minute: the refused key is a fresh attempt, and the third code of the (Shanghai) day.
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(30));
        allocate("sharer", "alloc-key-0003", "capped").statusCode(201);
        allocate("sharer", "alloc-key-0006", "capped").statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "60")
                .body("title", equalTo("Daily allocation cap reached"))
                .body("detail", containsString("Asia/Shanghai"));
        allocate("sharer", "alloc-key-0001", "capped").statusCode(201).body("requestId", equalTo(first));
        assertEquals(4, codes.count(MINE));

        // Midnight in Shanghai (16:00 UTC): a new day and a new minute.
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(60));
        allocate("sharer", "alloc-key-0006", "capped").statusCode(201);
        assertEquals(5, codes.count(MINE));
    }

    @Test
    void concurrentAllocationsOfOneUserStayWithinTheLimitsAndBindEachCodeOnce() throws Exception {
        campaign(1000);
        MovableClockProducer.clockInUse().pin(LATE_EVENING.plus(Duration.ofDays(3)));
        Binding binding = new Binding("pages/share/index", Map.of(), "capped");
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> running = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String key = "crowd-key-" + i;
            running.add(threads.submit(() -> {
                go.await();
                try {
                    Allocation code = pool.allocate(Codes.user("greedy"), key, binding)
                            .await()
                            .atMost(Duration.ofSeconds(30));
                    return code.requestId();
                } catch (Refusal e) {
                    return "http-" + ProblemMapper.status(e.reason());
                }
            }));
        }
        go.countDown();
        List<String> answers = new ArrayList<>();
        for (Future<String> f : running) {
            answers.add(f.get());
        }
        threads.shutdown();
        Set<String> granted = new HashSet<>();
        answers.stream().filter(a -> !a.startsWith("http-")).forEach(granted::add);
        assertEquals(3, granted.size(), answers.toString());
        assertEquals(37, answers.stream().filter("http-429"::equals).count(), answers.toString());
        assertTrue(codes.count("user_id = 'greedy'") == 3, "three codes bound in MySQL");
    }
}

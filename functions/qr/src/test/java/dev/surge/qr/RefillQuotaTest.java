package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

import dev.surge.qr.service.CodePool;
import dev.surge.qr.service.PoolRefill;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClock;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.TestTokens;

/**
 * Refill never asks the upstream for more than its limit in any minute, however many instances refill at
 * once; it takes nearly all of it in quiet hours and leaves the day reserve to live demand. Counted where it
 * matters: at the (fake) upstream, per minute of the application clock.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class RefillQuotaTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int LIMIT = 500;
    private static final int DAY_RESERVE = 100;

    @Inject
    PoolRefill refill;

    @Inject
    CodePool pool;

    @Inject
    Codes codes;

    FakeWeChat upstream;

    private final MovableClock clock = MovableClockProducer.clockInUse();

    @BeforeEach
    void stage() {
        upstream.useClock(clock);
        codes.drain("lab");
    }

    @AfterEach
    void release() {
        clock.release();
    }

    private RefilledPool refillLab() {
        return refill.refill(Optional.of("lab")).await().atMost(PATIENCE).pools().get(0);
    }

    @Test
    void twoInstancesRefillingInQuietHoursTakeTheLimitTogetherAndNotOneCodeMore() {
        Instant minute = Minutes.quiet();
        clock.pin(minute);
        // Two refills at once, as two instances (or a schedule and an operator) would run them.
        List<RefillRun> runs = Uni.join()
                .all(refill.refill(Optional.of("lab")), refill.refill(Optional.of("lab")))
                .andFailFast()
                .await()
                .atMost(PATIENCE);
        // Together they spent the minute's permits, each stopped by the gate, and the upstream made no more.
        int minted = runs.stream().mapToInt(run -> run.pools().get(0).minted()).sum();
        int failed = runs.stream().mapToInt(run -> run.pools().get(0).failed()).sum();
        assertEquals(LIMIT, minted + failed, runs.toString());
        runs.forEach(run -> assertEquals(RefillStop.QUOTA, run.pools().get(0).stoppedBy(), run.toString()));
        assertTrue(upstream.madeIn(minute.toEpochMilli()) <= LIMIT);
        assertTrue(upstream.madeIn(minute.toEpochMilli()) >= minted);
        assertEquals(0, upstream.refusedIn(minute.toEpochMilli()), "the upstream never had to say no");
        assertEquals(minted, codes.level("lab"));

        // Still the same minute: nothing more. The next minute: another minute's worth.
        int madeThisMinute = upstream.madeIn(minute.toEpochMilli());
        assertEquals(0, refillLab().minted());
        assertEquals(madeThisMinute, upstream.madeIn(minute.toEpochMilli()));
        clock.pin(minute.plus(Duration.ofMinutes(1)));
        RefilledPool next = refillLab();
        assertEquals(LIMIT, next.minted() + next.failed());
        assertEquals(minted + next.minted(), next.level());
        assertTrue(upstream.madeIn(minute.plus(Duration.ofMinutes(1)).toEpochMilli()) <= LIMIT);
        // Every code in the pool is pooled in MySQL with its image.
        assertEquals(next.level(), codes.count("pool = 'lab' AND status = 'pooled' AND created_at >= '2031-03-01'"
                + " AND image_url LIKE '%.png' AND request_id IN ("
                + String.join(",", codes.members("lab").stream().map(m -> "'" + m.substring(0, m.indexOf('|')) + "'").toList())
                + ")"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("surge_qr_pool_level{pool=\"lab\"} " + next.level() + ".0"))
                .body(containsString("surge_qr_minted_total{pool=\"lab\",purpose=\"refill\"}"))
                .body(containsString("surge_qr_quota_granted_total{purpose=\"refill\"}"));
    }

    @Test
    void duringTheDayRefillLeavesTheReserveToLiveDemand() {
        Instant minute = Minutes.day();
        clock.pin(minute);
        RefilledPool run = refillLab();
        assertEquals(LIMIT - DAY_RESERVE, run.minted() + run.failed(), run.toString());
        assertEquals(RefillStop.QUOTA, run.stoppedBy());
        int made = upstream.madeIn(minute.toEpochMilli());
        assertTrue(made <= LIMIT - DAY_RESERVE && made >= run.minted(), "made " + made);

        // Live demand still finds the reserve: an empty pool makes its code on the spot.
        codes.drain("share");
        Allocation live = pool.allocate(Codes.user("live"), "live-demand-" + minute.getEpochSecond(),
                new Binding("pages/goods/detail", Map.of("sku", "1"), "share")).await().atMost(PATIENCE);
        assertEquals(CodeSource.ON_THE_SPOT, live.source());
        assertEquals(made + 1, upstream.madeIn(minute.toEpochMilli()));
        // And refill takes nothing more this minute.
        assertEquals(0, refillLab().minted());
        assertTrue(upstream.madeIn(minute.toEpochMilli()) <= LIMIT);
    }

    @Test
    void theInternalEndpointRefillsForAnAdminOnly() {
        clock.pin(Minutes.quiet());
        codes.drain("poster");
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("pool", "poster")
                .post("/internal/v1/qr-pools/refill")
                .then()
                .statusCode(200)
                .body(containsString("\"pool\":\"poster\""));
        assertEquals(20, codes.level("poster"));
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("pool", "nope")
                .post("/internal/v1/qr-pools/refill")
                .then()
                .statusCode(404);
    }
}

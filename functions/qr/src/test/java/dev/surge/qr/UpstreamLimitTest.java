package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.qr.service.CodePool;
import dev.surge.qr.service.PoolRefill;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.problem.Problem;
import dev.surge.shared.rest.ProblemMapper;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClock;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.TestTokens;

/**
 * The upstream's own word on its limit (errcode 45009, say when other systems share the app's quota): the
 * issuer stops, the miss is counted, the whole fleet stops asking until the minute ends, and callers hear
 * plainly that no code is available. An expired access token is refreshed once and the code still made.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class UpstreamLimitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    CodePool pool;

    @Inject
    PoolRefill refill;

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
        upstream.limit(FakeWeChat.DEFAULT_LIMIT);
        clock.release();
    }

    private Allocation allocate(String user) {
        return pool.allocate(Codes.user(user), "limit-" + user, new Binding("pages/lab/report", Map.of("u", user), "lab"))
                .await()
                .atMost(PATIENCE);
    }

    /** One allocation of a lab code through the HTTP API. */
    private static ValidatableResponse allocateOverHttp(String user, String idempotencyKey) {
        return given().auth()
                .oauth2(TestTokens.user(user))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", idempotencyKey)
                .body(Map.of("page", "pages/lab/report", "params", Map.of(), "businessType", "lab"))
                .post("/v1/qr-codes")
                .then()
                .log()
                .ifValidationFails();
    }

    @Test
    void anOverLimitAnswerStopsEveryoneUntilTheNextMinuteAndCallersGet503() {
        Instant minute = Minutes.day();
        clock.pin(minute);
        upstream.limit(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(CodeSource.ON_THE_SPOT, allocate("early-" + minute.getEpochSecond() + "-" + i).source());
        }
        // The fourth asks the upstream, which says 45009: a clear 503 that says when to come back.
        allocateOverHttp("fourth", "over-limit-" + minute.getEpochSecond())
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", equalTo("59"));
        assertEquals(3, upstream.madeIn(minute.toEpochMilli()));
        assertEquals(1, upstream.refusedIn(minute.toEpochMilli()));

        // The window is closed for the fleet: neither callers nor refill ask the upstream again this minute.
        Refusal refused = assertThrows(Refusal.class, () -> allocate("fifth-" + minute.getEpochSecond()));
        assertEquals(503, ProblemMapper.status(refused.reason()));
        RefilledPool run = refill.refill(Optional.of("lab")).await().atMost(PATIENCE).pools().get(0);
        assertEquals(0, run.minted());
        assertEquals(RefillStop.QUOTA, run.stoppedBy());
        assertEquals(1, upstream.refusedIn(minute.toEpochMilli()));
        given().get("/q/metrics").then().body(containsString("surge_qr_upstream_calls_total{result=\"over-limit\"}"));

        // Nothing was bound for the refused callers.
        assertEquals(0, codes.count("idempotency_key = 'over-limit-" + minute.getEpochSecond() + "'"));
        // The next minute the upstream takes calls again.
        clock.pin(minute.plus(Duration.ofMinutes(1)));
        upstream.limit(FakeWeChat.DEFAULT_LIMIT);
        assertEquals(CodeSource.ON_THE_SPOT, allocate("next-minute-" + minute.getEpochSecond()).source());
    }

    @Test
    void aQuotaThatCannotBeCountedIsAFallbackNotAClosedWindow() {
        Instant minute = Minutes.day();
        clock.pin(minute);
        codes.spoilQuota(minute);
        try {
            // Redis fails the count: the caller is told to retry in a second, not to wait for the next minute.
            allocateOverHttp("uncounted", "uncounted-" + minute.getEpochSecond())
                    .statusCode(503)
                    .contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", equalTo("1"))
                    .body("detail", not(containsString("rate limit")));
            assertEquals(0, upstream.madeIn(minute.toEpochMilli()), "no permit, no upstream call");
        } finally {
            codes.clearQuota(minute);
        }
        assertEquals(CodeSource.ON_THE_SPOT, allocate("counted-" + minute.getEpochSecond()).source());
    }

    @Test
    void refillStopsAtTheFirstOverLimitAnswer() {
        Instant minute = Minutes.quiet();
        clock.pin(minute);
        upstream.limit(20);
        RefilledPool run = refill.refill(Optional.of("lab")).await().atMost(PATIENCE).pools().get(0);
        assertEquals(20, run.minted());
        assertEquals(RefillStop.UPSTREAM_LIMIT, run.stoppedBy());
        assertEquals(20, codes.level("lab"));
        int refusals = upstream.refusedIn(minute.toEpochMilli());
        // At most the wave in flight when the first refusal came back.
        assertTrue(refusals >= 1 && refusals <= 16, "refusals: " + refusals);
        assertEquals(0, refill.refill(Optional.of("lab")).await().atMost(PATIENCE).pools().get(0).minted());
        assertEquals(refusals, upstream.refusedIn(minute.toEpochMilli()));
    }

    @Test
    void aRevokedTokenIsRefreshedOnceAndTheCodeIsStillMade() {
        clock.pin(Minutes.day());
        allocate("token-warm-" + System.nanoTime());
        long fetches = upstream.tokenFetches();
        long refusals = upstream.tokenRefusals();
        upstream.revokeTokens();
        assertEquals(CodeSource.ON_THE_SPOT, allocate("token-after-" + System.nanoTime()).source());
        assertEquals(fetches + 1, upstream.tokenFetches());
        assertEquals(refusals + 1, upstream.tokenRefusals());
        allocate("token-again-" + System.nanoTime());
        assertEquals(fetches + 1, upstream.tokenFetches(), "the new token is kept");
    }
}

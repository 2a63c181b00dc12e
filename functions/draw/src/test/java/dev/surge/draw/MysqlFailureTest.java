package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.draw.redis.DrawStore;
import dev.surge.draw.rest.DrawResource;
import dev.surge.draw.service.DrawService;
import dev.surge.draw.service.PendingSettler;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.StallingProxy;

/**
 * MySQL going slow in the middle of a winner's transaction. Before the commit: certainly no grant, so the
 * answer is "try later" and the unit goes back. After the commit was sent: the outcome is unknown, so the
 * answer is "pending", and the sweeper settles it from the ledger. Either way Redis, MySQL and the ledger
 * agree in the end, and no unit is lost or doubled.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestProfile(MysqlFailureTest.ThroughProxy.class)
class MysqlFailureTest {

    static final StallingProxy PROXY = new StallingProxy(LocalServices.MYSQL_PORT);

    /** The function reaches MySQL through the stalling proxy, with production budgets. */
    public static class ThroughProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // A fault test: the grant budget is shortened so a stall shows sooner than the production 500 ms.
            return Map.of("surge.test.mysql-port", Integer.toString(PROXY.port()), "surge.mysql.timeout-ms", "400");
        }
    }

    @Inject
    DrawService service;

    @Inject
    PendingSettler settler;

    @Inject
    DrawStore store;

    @Inject
    Raffles raffles;

    @AfterEach
    void reset() {
        PROXY.release();
        MovableClockProducer.clockInUse().release();
    }

    private DrawResult draw(String user, Campaign raffle, String key) {
        return service.draw(Caller.fromClaims(Map.of("sub", user)), raffle.id(), key, RequestAttributes.NONE)
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    @Test
    void stallBeforeCommitAnswersTryLaterAndGivesTheUnitBack() {
        Campaign raffle = raffles.create(0, 0, new ParticipationLimit(5, null), new Raffles.PrizeSpec("bike", 1, 5));
        long prize = raffle.draw().prizes().get(0).id();
        PROXY.holdPacketsContaining("UPDATE prize");
        long started = System.nanoTime();
        DrawResult answer = draw("stalled-early", raffle, UUID.randomUUID().toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000, "answered fast");
        assertEquals("try-later", answer.outcome().value());
        assertEquals(5, raffles.redisStock(raffle.id(), prize));
        assertEquals(0, raffles.participation(raffle.id(), "stalled-early"));
        PROXY.release();
        // The abandoned transaction reaches its fence after the release and rolls back.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(0, raffles.grants(raffle.id()));
            assertEquals(5, raffles.mysqlStock(prize));
        });
    }

    @Test
    void stallAtCommitAnswersPendingAndTheSweeperSettlesTheWin() throws Exception {
        Campaign raffle = raffles.create(0, 0, new ParticipationLimit(5, null), new Raffles.PrizeSpec("car", 1, 3));
        long prize = raffle.draw().prizes().get(0).id();
        String key = UUID.randomUUID().toString();
        PROXY.holdPacketsContaining("COMMIT");
        DrawResult answer = draw("stalled-late", raffle, key);
        assertEquals("pending", answer.outcome().value());
        assertEquals("/v1/campaigns/" + raffle.id() + "/draws/" + key,
                DrawResource.answer(raffle.id(), key, answer).resultUrl());
        assertEquals(2, raffles.redisStock(raffle.id(), prize));
        assertEquals(1, raffles.pending(raffle.id()));

        PROXY.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> raffles.grants(raffle.id()) == 1);
        // Too young to settle yet; once past the settle age the sweeper confirms it from the ledger.
        assertEquals(0, settler.sweep().await().atMost(Duration.ofSeconds(10)).confirmed());
        MovableClockProducer.clockInUse().pin(Instant.now().plus(Duration.ofMinutes(5)));
        Sweep sweep = settler.sweep().await().atMost(Duration.ofSeconds(10));
        assertEquals(1, sweep.confirmed());
        assertEquals(0, raffles.pending(raffle.id()));
        assertEquals(2, raffles.mysqlStock(prize));
        assertEquals(2, raffles.redisStock(raffle.id(), prize));
        assertEquals("won", draw("stalled-late", raffle, key).outcome().value());
    }

    @Test
    void aDrawOrphanedBetweenRedisAndMySQLIsVoidedAndItsUnitComesBack() {
        Campaign raffle = raffles.create(0, 0, new ParticipationLimit(5, null), new Raffles.PrizeSpec("tv", 1, 4));
        long prize = raffle.draw().prizes().get(0).id();
        // The instance dies right after the Redis script: the unit is taken in Redis, nothing reached MySQL.
        Instant now = Instant.now();
        DrawTicket ticket = store.draw(new DrawCommand(raffle.id(), "orphan", "orphan-key-1", "draw-orphan",
                Optional.of(prize), raffle.limit(), LocalDate.now(), now, 0, 1, 3600, 3600, 0, null, raffles.buckets(raffle)))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals("pending", ticket.outcome().wire());
        assertEquals(3, raffles.redisStock(raffle.id(), prize));

        MovableClockProducer.clockInUse().pin(now.plus(Duration.ofMinutes(5)));
        Sweep sweep = settler.sweep().await().atMost(Duration.ofSeconds(10));
        assertEquals(1, sweep.voided());
        assertEquals(0, raffles.grants(raffle.id()));
        assertEquals(4, raffles.mysqlStock(prize));
        assertEquals(4, raffles.redisStock(raffle.id(), prize));
        assertEquals(0, raffles.pending(raffle.id()));
        assertEquals(0, raffles.participation(raffle.id(), "orphan"));
        // The sweep published the stock as a gauge.
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString(
                        "surge_draw_stock{campaign=\"" + raffle.id() + "\",prize=\"" + prize + "\"} 4.0"));
        // Settling is idempotent: another sweep changes nothing.
        assertEquals(0, settler.sweep().await().atMost(Duration.ofSeconds(10)).voided());
        assertEquals(4, raffles.redisStock(raffle.id(), prize));
    }
}

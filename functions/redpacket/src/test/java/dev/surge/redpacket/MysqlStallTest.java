package dev.surge.redpacket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.redpacket.redis.PacketStore;
import dev.surge.redpacket.service.GrabSettler;
import dev.surge.redpacket.service.PacketRefunder;
import dev.surge.redpacket.service.RainService;
import dev.surge.redpacket.service.RedPacketMetrics;
import dev.surge.redpacket.service.RedPacketService;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rest.ProblemMapper;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClock;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.StallingProxy;

/**
 * MySQL going silent between a grab (or a shake) in Redis and its record in MySQL, and a function dying right
 * there. The user keeps, and is told, their share; a send is refused honestly and its retry sends once; while
 * MySQL is away nothing is settled or refunded and nothing is lost; once it is back the settle job makes MySQL
 * agree, and the refund balances to the cent.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestProfile(MysqlStallTest.ThroughProxy.class)
class MysqlStallTest {

    static final StallingProxy PROXY = new StallingProxy(LocalServices.MYSQL_PORT);
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    /** The function reaches MySQL through the stalling proxy, with production-sized budgets. */
    public static class ThroughProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // A fault test: the MySQL budget is shortened so a stall shows sooner than the production 500 ms.
            return Map.of("surge.test.mysql-port", Integer.toString(PROXY.port()), "surge.mysql.timeout-ms", "300");
        }
    }

    @Inject
    RedPacketService service;

    @Inject
    RainService rains;

    @Inject
    Rains campaigns;

    @Inject
    GrabSettler settler;

    @Inject
    PacketRefunder refunder;

    @Inject
    PacketStore store;

    @Inject
    RedisDataSource redis;

    @Inject
    Packets packets;

    @Inject
    MeterRegistry registry;

    private double settled(String kind) {
        Counter counter = registry.find(RedPacketMetrics.SETTLED).tag(RedPacketMetrics.TAG_KIND, kind).counter();
        return counter == null ? 0 : counter.count();
    }

    @AfterEach
    void reset() {
        PROXY.release();
        MovableClockProducer.clockInUse().release();
    }

    /** Runs the settle job until {@code check} holds, as its schedule would (a breaker may be open a moment). */
    private void settleUntil(Runnable check) {
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Packets.await(settler.settle());
            check.run();
        });
    }

    @Test
    void whileMysqlIsAwayGrabsKeepTheirSharesAndNothingIsSettledRefundedOrLost() throws Exception {
        MovableClock clock = MovableClockProducer.clockInUse();
        Instant sent = clock.instant();
        PacketSent packet = packets.send("stall-sender", 1000, 5, "random", 60L);
        PROXY.holdEverything();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<GrabResult>> grabs = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            String user = "patient-" + i;
            grabs.add(pool.submit(() -> packets.grab(user, packet.id())));
        }
        Map<String, Long> answered = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            GrabResult answer = grabs.get(i).get();
            assertEquals("grabbed", answer.outcome().value(), answer.toString());
            answered.put("patient-" + i, answer.amountCents());
        }
        pool.shutdown();
        long taken = answered.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3000, "answered within the budget");
        assertEquals(4, packets.unrecorded(packet.id()));
        assertTrue(packets.marked(packet.id()));
        assertEquals(0, packets.grabbedCount(packet.id()));

        // The jobs cannot reach the ledger: the settle job keeps every grab for later, the refund job refunds
        // nothing and leaves the packet open.
        double leftBefore = settled("left");
        Settled stalled = Packets.await(settler.settle());
        assertTrue(stalled.failed() >= 1, stalled.toString());
        // What the job could not write is counted for the unsettled alarm.
        assertTrue(settled("left") - leftBefore >= 1, "left for a later run: " + settled("left"));
        assertEquals(4, packets.unrecorded(packet.id()));
        clock.pin(sent.plusSeconds(61));
        assertThrows(RuntimeException.class, () -> Packets.await(refunder.refund()));
        assertEquals("open", packets.status(packet.id()));
        assertEquals("open", packets.meta(packet.id()).get("status"));
        // Redis alone still answers the details.
        PacketView details = Packets.await(service.details(Packets.user("patient-1"), packet.id()));
        assertEquals(4, details.grabs().size());

        PROXY.release();
        settleUntil(() -> {
            assertEquals(0, packets.unrecorded(packet.id()));
            assertFalse(packets.marked(packet.id()));
        });
        assertEquals(answered, packets.grabbed(packet.id()));
        assertEquals(taken, packets.grabbedSum(packet.id()));
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Packets.await(refunder.refund());
            assertEquals("refunded", packets.status(packet.id()));
        });
        assertEquals(1000 - taken, packets.refund(packet.id()));
    }

    @Test
    void aFunctionThatDiedAfterItsGrabScriptLosesNothing() {
        PacketSent packet = packets.send("phoenix-sender", 600, 3, "equal", null);
        Instant now = MovableClockProducer.clockInUse().instant();
        // What a grab does before its MySQL write: the script, and the mark for the settle job. Then it dies.
        GrabTicket ticket = Packets.await(store.grab(packet.id(), "phoenix", now));
        Packets.await(store.markUnrecorded(packet.id(), now));
        assertEquals(GrabTicketOutcome.GRABBED, ticket.outcome());
        assertEquals(0, packets.grabbedCount(packet.id()));

        settleUntil(() -> {
            assertEquals(Map.of("phoenix", 200L), packets.grabbed(packet.id()));
            assertEquals(0, packets.unrecorded(packet.id()));
            assertFalse(packets.marked(packet.id()));
        });
        // The user comes back and is shown the share they were never told about.
        GrabResult again = packets.grab("phoenix", packet.id());
        assertEquals(200, again.amountCents());
        assertTrue(again.repeat());
    }

    @Test
    void aSendWhileMysqlStallsIsRefusedWithNothingQueuedAndItsRetrySendsOnce() {
        String key = Packets.key();
        SendPacket request = new SendPacket(4200L, 6, "random", "retry me", null);
        PROXY.holdEverything();
        Refusal refused = assertThrows(Refusal.class,
                () -> Packets.await(service.send(Packets.user("stalled-sender"), key, request)));
        assertEquals(503, ProblemMapper.status(refused.reason()));
        assertTrue(refused.retryAfter().isPresent());
        assertEquals(0, packets.packetsSentBy("stalled-sender"));
        assertFalse(packets.anyQueuedBy("stalled-sender"));
        PROXY.release();

        PacketSent sent = await().atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> Packets.await(service.send(Packets.user("stalled-sender"), key, request)), s -> true);
        assertEquals(1, packets.packetsSentBy("stalled-sender"));
        assertEquals(6, packets.queued(sent.id()));
        assertEquals(4200, packets.shareSum(sent.id()));
        assertEquals("grabbed", packets.grab("after-the-stall", sent.id()).outcome().value());
    }

    @Test
    void shakeWinsStandWhileMysqlIsAwayAndAreRecordedWhenItReturns() {
        long campaign = campaigns.campaignId();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MovableClockProducer.clockInUse().pin(start);
        Packets.await(rains.start(campaign, new StartRain(3, null, 7L, 9L, 10, start, 1, 1)));
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(1));
        PROXY.holdEverything();

        List<ShakeResult> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(Packets.await(rains.shake(Packets.user("rainy-" + i), campaign)));
        }
        assertEquals(List.of("won", "won", "won", "none"), answers.stream().map(answer -> answer.outcome().value()).toList());
        long won = answers.stream().limit(3).mapToLong(ShakeResult::amountCents).sum();
        String unrecorded = campaigns.bucketKeys(campaign, 0).unrecorded();
        assertEquals(3, redis.set(String.class).scard(unrecorded));
        Packets.await(settler.settle());
        assertEquals(3, redis.set(String.class).scard(unrecorded));

        PROXY.release();
        settleUntil(() -> assertEquals(0, redis.set(String.class).scard(unrecorded)));
        assertEquals(3, packets.rainBooks().wins(campaign));
        assertEquals(won,
                packets.rainBooks().wonCents(campaign));
    }
}

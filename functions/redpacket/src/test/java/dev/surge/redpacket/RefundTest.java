package dev.surge.redpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

import dev.surge.redpacket.redis.PacketStore;
import dev.surge.redpacket.service.PacketRefunder;
import dev.surge.redpacket.service.RedPacketService;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClock;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.Sql;

/**
 * Expired packets are refunded exactly once, even by two jobs at once, and what was taken plus what went back
 * is always the amount sent: whether every share, some or none was taken, whether Redis lost the packet, and
 * whether a function died between its grab in Redis and its write to MySQL.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class RefundTest {

    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Inject
    PacketRefunder refunder;

    @Inject
    PacketStore store;

    @Inject
    RedPacketService service;

    @Inject
    Packets packets;

    @AfterEach
    void releaseClock() {
        MovableClockProducer.clockInUse().release();
    }

    @Test
    void twoJobsAtOnceRefundEachExpiredPacketOnceAndEveryCentIsAccountedFor() throws Exception {
        MovableClock clock = MovableClockProducer.clockInUse();
        clock.pin(Instant.now());
        PacketSent partly = packets.send("refund-partly", 10_000, 10, "random", 90L);
        PacketSent fully = packets.send("refund-fully", 500, 5, "equal", 90L);
        PacketSent untouched = packets.send("refund-untouched", 777, 7, "random", 90L);
        PacketSent lost = packets.send("refund-lost", 900, 3, "random", 90L);
        PacketSent died = packets.send("refund-died", 1000, 4, "random", 90L);
        for (int i = 0; i < 4; i++) {
            packets.grab("taker-" + i, partly.id());
        }
        for (int i = 0; i < 5; i++) {
            packets.grab("taker-" + i, fully.id());
        }
        packets.grab("taker-0", lost.id());
        packets.dropFromRedis(lost.id());
        // A function that popped a share and died before it wrote to MySQL, or even marked the packet.
        Packets.await(store.grab(died.id(), "ghost", clock.instant()));
        assertEquals(0, packets.grabbedCount(died.id()));

        clock.advance(Duration.ofSeconds(91));
        long due = Sql.number(packets.database(), "SELECT COUNT(*) FROM red_packet WHERE status = 'open' AND expires_at <= '"
                + SQL_TIME.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)) + "'");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Refunds>> runs = List.of(pool.submit(() -> {
            start.await();
            return Packets.await(refunder.refund());
        }), pool.submit(() -> {
            start.await();
            return Packets.await(refunder.refund());
        }));
        start.countDown();
        Refunds first = runs.get(0).get();
        Refunds second = runs.get(1).get();
        pool.shutdown();
        assertEquals(due, first.refunded() + second.refunded(), first + " / " + second);
        assertEquals(0, first.deferred() + second.deferred());

        for (PacketSent packet : List.of(partly, fully, untouched, lost, died)) {
            assertEquals("refunded", packets.status(packet.id()), packet.id());
            assertEquals(packet.amountCents(), packets.grabbedSum(packet.id()) + packets.refund(packet.id()),
                    "taken + refunded = sent for " + packet.id());
        }
        assertEquals(0, packets.refund(fully.id()));
        assertEquals(777, packets.refund(untouched.id()));
        assertEquals(4, packets.grabbedCount(partly.id()));
        // The dead function's share was replayed into MySQL before anything was refunded.
        assertEquals(1, packets.grabbedCount(died.id()));
        assertEquals(0, packets.unrecorded(died.id()));

        // Closed for good: nobody takes a share after the refund, and the details show it.
        assertEquals("expired", packets.grab("too-late", untouched.id()).outcome().value());
        PacketView details = Packets.await(service.details(Packets.user("refund-partly"), partly.id()));
        assertEquals("refunded", details.status());
        assertEquals(packets.refund(partly.id()), details.refundCents());

        Refunds third = Packets.await(refunder.refund());
        assertEquals(0, third.refunded());
        assertEquals(packets.amountSentBy("refund-partly"), packets.grabbedSum(partly.id()) + packets.refund(partly.id()));
    }

    @Test
    void packetsStillOpenAreNotRefunded() {
        PacketSent open = packets.send("refund-not-yet", 300, 3, "random", 3600L);
        packets.grab("early", open.id());
        Packets.await(refunder.refund());
        assertEquals("open", packets.status(open.id()));
        assertEquals(-1, packets.refund(open.id()));
        assertEquals("grabbed", packets.grab("second", open.id()).outcome().value());
    }
}

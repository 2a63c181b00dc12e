package dev.surge.redpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.redis.RedPacketKeys;
import dev.surge.redpacket.service.GrabSettler;
import dev.surge.redpacket.service.RedPacketService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Sql;
import dev.surge.shared.testing.ledger.PacketBooks;
import dev.surge.shared.testing.ledger.RainBooks;

/**
 * Sends and grabs through the service as the hot path would, and reads MySQL (through the mariadb client, not
 * the code under test) and Redis to check the invariants.
 */
@ApplicationScoped
public class Packets {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final RedPacketService service;
    private final GrabSettler settler;
    private final RedisDataSource redis;
    private final RedPacketKeys keys;
    private final String database;

    public Packets(RedPacketService service, GrabSettler settler, RedisDataSource redis, RedPacketKeys keys,
            @ConfigProperty(name = LocalServices.DATABASE_PROPERTY) String database) {
        this.service = service;
        this.settler = settler;
        this.redis = redis;
        this.keys = keys;
        this.database = database;
    }

    static Caller user(String id) {
        return Caller.fromClaims(Map.of("sub", id));
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    public String database() {
        return database;
    }

    public PacketSent send(String sender, long amountCents, int count, String mode, Long expiresInSeconds) {
        return service.send(user(sender), key(), new SendPacket(amountCents, count, mode, null, expiresInSeconds))
                .await()
                .atMost(PATIENCE);
    }

    /**
     * Sends a large packet as a client would: a send the MySQL budget cut short is sent again with the same
     * Idempotency-Key until it goes through, once.
     */
    public PacketSent sendPatiently(String sender, long amountCents, int count) {
        String key = key();
        SendPacket request = new SendPacket(amountCents, count, "random", null, null);
        return Awaitility.await()
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> service.send(user(sender), key, request).await().atMost(PATIENCE), sent -> true);
    }

    public GrabResult grab(String user, String packetId) {
        return await(service.grab(user(user), packetId));
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(PATIENCE);
    }

    public long shares(String packetId) {
        return books().shares(packetId);
    }

    public long shareSum(String packetId) {
        return books().shareSum(packetId);
    }

    /** The ledger's queries, the same the benchmark checks its runs with. */
    public PacketBooks books() {
        return new PacketBooks(database);
    }

    public RainBooks rainBooks() {
        return new RainBooks(database);
    }

    public long grabbedSum(String packetId) {
        return Sql.number(database, "SELECT SUM(amount_cents) FROM red_packet_share WHERE packet_id = '" + packetId
                + "' AND grabbed_by IS NOT NULL");
    }

    public long grabbedCount(String packetId) {
        return Sql.number(database, "SELECT COUNT(DISTINCT grabbed_by) FROM red_packet_share WHERE packet_id = '"
                + packetId + "' AND grabbed_by IS NOT NULL");
    }

    /** User → cents of each share MySQL says was taken. */
    public Map<String, Long> grabbed(String packetId) {
        Map<String, Long> out = new HashMap<>();
        Sql.rows(database, "SELECT grabbed_by, amount_cents FROM red_packet_share WHERE packet_id = '" + packetId
                + "' AND grabbed_by IS NOT NULL").forEach(row -> out.put(row.get(0), Long.parseLong(row.get(1))));
        return out;
    }

    public List<Long> shareAmounts(String packetId) {
        return Sql.rows(database, "SELECT amount_cents FROM red_packet_share WHERE packet_id = '" + packetId
                + "' ORDER BY seq").stream().map(row -> Long.parseLong(row.get(0))).toList();
    }

    public String status(String packetId) {
        return Sql.rows(database, "SELECT status FROM red_packet WHERE id = '" + packetId + "'").get(0).get(0);
    }

    /** The refund MySQL holds, or -1 while there is none. */
    public long refund(String packetId) {
        String refund = Sql.rows(database, "SELECT refund_cents FROM red_packet WHERE id = '" + packetId + "'")
                .get(0)
                .get(0);
        return "NULL".equals(refund) ? -1 : Long.parseLong(refund);
    }

    public long packetsSentBy(String senderId) {
        return Sql.number(database, "SELECT COUNT(*) FROM red_packet WHERE sender_id = '" + senderId + "'");
    }

    public long amountSentBy(String senderId) {
        return Sql.number(database, "SELECT SUM(amount_cents) FROM red_packet WHERE sender_id = '" + senderId + "'");
    }

    /**
     * Runs the settle job, as its schedule would, until MySQL has every grab Redis holds for the packet (a
     * breaker may be open a moment after a fault).
     */
    public void settled(String packetId) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            await(settler.settle());
            assertEquals(0, unrecorded(packetId));
            assertFalse(marked(packetId));
        });
    }

    /** User → cents of each share Redis says was taken. */
    public Map<String, Long> redisGrabbed(String packetId) {
        Map<String, Long> out = new HashMap<>();
        redis.hash(String.class)
                .hgetall(keys.packet(packetId).grabs())
                .forEach((user, record) -> out.put(user, Grab.parse(user, record).amountCents()));
        return out;
    }

    public long queued(String packetId) {
        return redis.list(String.class).llen(keys.packet(packetId).shares());
    }

    public long unrecorded(String packetId) {
        return redis.set(String.class).scard(keys.packet(packetId).unrecorded());
    }

    public boolean marked(String packetId) {
        return redis.execute("ZSCORE", keys.unrecordedPackets(), packetId) != null;
    }

    public Map<String, String> meta(String packetId) {
        return redis.hash(String.class).hgetall(keys.packet(packetId).meta());
    }

    /** Loses a packet from Redis, as a flushed or failed-over node would. */
    public void dropFromRedis(String packetId) {
        redis.key().del(keys.packet(packetId).all().toArray(String[]::new));
    }

    /** Whether any packet in Redis names this sender. */
    public boolean anyQueuedBy(String senderId) {
        return redis.key()
                .keys(keys.packet("*").meta())
                .stream()
                .anyMatch(meta -> senderId.equals(redis.hash(String.class).hget(meta, "sender")));
    }
}

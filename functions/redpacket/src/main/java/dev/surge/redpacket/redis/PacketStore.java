package dev.surge.redpacket.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import dev.surge.redpacket.Grab;
import dev.surge.redpacket.GrabTicket;
import dev.surge.redpacket.GrabTicketOutcome;
import dev.surge.redpacket.PacketRow;
import dev.surge.redpacket.PacketSnapshot;
import dev.surge.redpacket.ShareRow;
import dev.surge.redpacket.Unrecorded;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.redis.LuaScript;

/**
 * The Redis side of red packets: the queue of untaken shares, the grab script, the marks of grabs MySQL may
 * not have yet, and the one-step view of a packet. Every script touches one packet's keys only.
 */
@ApplicationScoped
public class PacketStore {

    private static final LuaScript QUEUE = LuaScript.load("packet-queue.lua");
    private static final LuaScript GRAB = LuaScript.load("packet-grab.lua");
    private static final LuaScript UNRECORDED = LuaScript.load("packet-unrecorded.lua");
    private static final LuaScript DETAILS = LuaScript.load("packet-details.lua");
    private static final LuaScript REFUNDED = LuaScript.load("packet-refunded.lua");
    private static final LuaScript FORGET = LuaScript.load("index-forget.lua");

    private final ReactiveRedisDataSource redis;
    private final RedPacketKeys keys;
    private final ReactiveKeyCommands<String> keyCommands;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveSortedSetCommands<String, String> sortedSets;

    private final DependencyGuard grabGuard;

    public PacketStore(ReactiveRedisDataSource redis, RedPacketKeys keys, DependencyGuards guards) {
        this.grabGuard = guards.redis("dev.surge.redpacket.redis.PacketStore.grab");
        this.redis = redis;
        this.keys = keys;
        this.keyCommands = redis.key(String.class);
        this.sets = redis.set(String.class, String.class);
        this.sortedSets = redis.sortedSet(String.class, String.class);
    }

    /**
     * Queues a packet: meta, untaken shares, and the grabs MySQL already holds (when rebuilt from it).
     * Idempotent, so it is retried: a packet already queued is left alone.
     *
     * @return whether this call queued it
     */
    @Timeout
    @CircuitBreaker
    @Retry(maxRetries = 2)
    public Uni<Boolean> queue(PacketRow packet, List<ShareRow> shares, Instant keepUntil) {
        RedPacketKeys.PacketKeys packetKeys = keys.packet(packet.id());
        List<String> meta = new ArrayList<>(List.of("sender", packet.senderId(), "amount_cents",
                Long.toString(packet.amountCents()), "count", Integer.toString(packet.count()), "mode", packet.mode(),
                "created_at", millis(packet.createdAt()), "expires_at", millis(packet.expiresAt()), "keep_until",
                millis(keepUntil), "status", PacketRow.OPEN));
        if (packet.greeting() != null) {
            meta.addAll(List.of("greeting", packet.greeting()));
        }
        List<String> grabs = new ArrayList<>();
        List<String> untaken = new ArrayList<>();
        long remaining = 0;
        for (ShareRow share : shares) {
            if (share.grabbedBy() == null) {
                untaken.add(share.wire());
                remaining += share.amountCents();
            } else {
                grabs.add(share.grabbedBy());
                grabs.add(new Grab(share.grabbedBy(), share.seq(), share.amountCents(), share.grabbedAt()).wire());
            }
        }
        meta.addAll(List.of("remaining_cents", Long.toString(remaining), "remaining_count",
                Integer.toString(untaken.size())));
        List<String> args = new ArrayList<>(3 + meta.size() + grabs.size() + untaken.size());
        args.add(millis(keepUntil));
        args.add(Integer.toString(meta.size() / 2));
        args.add(Integer.toString(grabs.size() / 2));
        args.addAll(meta);
        args.addAll(grabs);
        args.addAll(untaken);
        return QUEUE.run(redis, List.of(packetKeys.meta(), packetKeys.shares(), packetKeys.grabs()), args)
                .map(reply -> reply.toLong() == 1L);
    }

    @Timeout
    @CircuitBreaker
    public Uni<Boolean> exists(String packetId) {
        return keyCommands.exists(keys.packet(packetId).meta());
    }

    /** Runs one grab. Never retried: a retry of a grab whose answer was lost would present it as a repeat. */
    public Uni<GrabTicket> grab(String packetId, String userId, Instant now) {
        return grabGuard.call(() -> GRAB.run(redis, keys.packet(packetId).all(), List.of(userId, millis(now)))).map(reply -> {
            GrabTicketOutcome outcome = GrabTicketOutcome.of(reply.get(0).toString());
            String record = reply.get(1).toString();
            Optional<Grab> grab = record.isEmpty() ? Optional.empty() : Optional.of(Grab.parse(userId, record));
            return new GrabTicket(outcome, grab, reply.get(2).toLong() == 1L);
        });
    }

    /** Marks a packet as holding grabs MySQL may not have, for the settle job; a newer mark replaces an older. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Void> markUnrecorded(String packetId, Instant at) {
        return sortedSets.zadd(keys.unrecordedPackets(), at.toEpochMilli(), packetId).replaceWithVoid();
    }

    /** MySQL has the user's grab: it is no longer unrecorded. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Void> recorded(String packetId, String userId) {
        return sets.srem(keys.packet(packetId).unrecorded(), userId).replaceWithVoid();
    }

    /**
     * The grabs of a packet MySQL may not have yet. With {@code close}, the packet is first closed for good (no
     * grab succeeds after), atomically with the read, so the list is final.
     */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Unrecorded> unrecorded(String packetId, boolean close) {
        RedPacketKeys.PacketKeys packetKeys = keys.packet(packetId);
        return UNRECORDED.run(redis, List.of(packetKeys.meta(), packetKeys.grabs(), packetKeys.unrecorded()),
                List.of(close ? "close" : "read")).map(reply -> {
                    List<Grab> grabs = new ArrayList<>();
                    for (int i = 1; i + 1 < reply.size(); i += 2) {
                        String record = reply.get(i + 1).toString();
                        if (!record.isEmpty()) {
                            grabs.add(Grab.parse(reply.get(i).toString(), record));
                        }
                    }
                    return new Unrecorded(reply.get(0).toLong() == 1L, grabs);
                });
    }

    /** The packet and every grab as of one instant, if Redis still holds it. */
    @Timeout
    @CircuitBreaker
    public Uni<Optional<PacketSnapshot>> details(String packetId) {
        RedPacketKeys.PacketKeys packetKeys = keys.packet(packetId);
        return DETAILS.run(redis, List.of(packetKeys.meta(), packetKeys.grabs()), List.of()).map(reply -> {
            Map<String, String> meta = pairs(reply.get(0));
            return meta.isEmpty() ? Optional.empty() : Optional.of(new PacketSnapshot(meta, pairs(reply.get(1))));
        });
    }

    /** Shows the refund on the packet, for details; MySQL already holds it. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Void> refunded(String packetId, long refundCents) {
        return REFUNDED.run(redis, List.of(keys.packet(packetId).meta()), List.of(Long.toString(refundCents)))
                .replaceWithVoid();
    }

    /** Packets marked as holding unrecorded grabs no later than {@code markedBefore}, the oldest first. */
    @Timeout
    public Uni<List<ScoredValue<String>>> markedBefore(Instant markedBefore, int limit) {
        return sortedSets.zrangebyscoreWithScores(keys.unrecordedPackets(),
                new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) markedBefore.toEpochMilli()),
                new ZRangeArgs().limit(0, limit));
    }

    /** Drops a packet's mark, unless it was marked again after {@code score}. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Boolean> forget(String packetId, double score) {
        return FORGET.run(redis, List.of(keys.unrecordedPackets()), List.of(packetId, Long.toString((long) score)))
                .map(reply -> reply.toLong() == 1L);
    }

    private static Map<String, String> pairs(Response flat) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return out;
    }

    private static String millis(Instant at) {
        return Long.toString(at.toEpochMilli());
    }
}

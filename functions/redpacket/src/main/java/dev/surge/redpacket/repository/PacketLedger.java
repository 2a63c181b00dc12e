package dev.surge.redpacket.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.DatabaseException;

import dev.surge.redpacket.Grab;
import dev.surge.redpacket.PacketRow;
import dev.surge.redpacket.Recorded;
import dev.surge.redpacket.ShareRow;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;

/**
 * Packets and their shares in MySQL, the authority on what was sent, who took which share and what went back.
 * Every write is idempotent: a send by its (sender, Idempotency-Key), a grab by "only where the share is still
 * untaken", a refund by "only while the packet is open". So a write whose answer was lost may simply be done
 * again, by the caller or by a job.
 */
@ApplicationScoped
public class PacketLedger {

    private static final int DUPLICATE_KEY = 1062;

    private static final String COLUMNS = """
            id, sender_id, idempotency_key, mode, amount_cents, share_count, greeting, status, refund_cents,
            created_at, expires_at""";
    private static final String INSERT_PACKET = """
            INSERT INTO red_packet (id, sender_id, idempotency_key, mode, amount_cents, share_count, greeting, status,
                                    created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND = "SELECT " + COLUMNS
            + " FROM red_packet WHERE sender_id = ? AND idempotency_key = ?";
    private static final String SHARES = """
            SELECT seq, amount_cents, grabbed_by, grabbed_at FROM red_packet_share WHERE packet_id = ? ORDER BY seq""";
    private static final String RECORD_GRAB = """
            UPDATE red_packet_share SET grabbed_by = ?, grabbed_at = ?
            WHERE packet_id = ? AND seq = ? AND grabbed_by IS NULL""";
    private static final String HOLDER = "SELECT grabbed_by FROM red_packet_share WHERE packet_id = ? AND seq = ?";
    private static final String DUE = """
            SELECT id FROM red_packet WHERE status = 'open' AND expires_at <= ? ORDER BY expires_at LIMIT ?""";
    private static final String LOCK_OPEN = "SELECT amount_cents FROM red_packet WHERE id = ? AND status = 'open' FOR UPDATE";
    private static final String TAKEN = """
            SELECT CAST(COALESCE(SUM(amount_cents), 0) AS SIGNED) AS taken FROM red_packet_share
            WHERE packet_id = ? AND grabbed_by IS NOT NULL""";
    private static final String REFUND = """
            UPDATE red_packet SET status = 'refunded', refund_cents = ?, refunded_at = ? WHERE id = ? AND status = 'open'""";

    /**
     * A packet after a send.
     *
     * @param fresh whether this send created it (false: an earlier send with the same key did)
     */
    public record Created(PacketRow packet, boolean fresh) {
    }

    private final Pool mysql;
    /** The hot path's write, guarded as its Redis calls are (see DependencyGuards#mysql). */
    private final DependencyGuard recordGuard;

    public PacketLedger(Pool mysql, DependencyGuards guards) {
        this.mysql = mysql;
        this.recordGuard = guards.mysql("dev.surge.redpacket.repository.PacketLedger.record");
    }

    /** Stores a packet and all its shares in one transaction, or finds the one stored under the same key. */
    @Timeout
    @CircuitBreaker
    public Uni<Created> create(PacketRow packet, long[] shares) {
        Tuple row = Tuple.tuple()
                .addString(packet.id())
                .addString(packet.senderId())
                .addString(packet.idempotencyKey())
                .addString(packet.mode())
                .addLong(packet.amountCents())
                .addInteger(packet.count())
                .addString(packet.greeting())
                .addString(packet.status())
                .addLocalDateTime(utc(packet.createdAt()))
                .addLocalDateTime(utc(packet.expiresAt()));
        return mysql.withTransaction(connection -> connection.preparedQuery(INSERT_PACKET)
                .execute(row)
                .flatMap(inserted -> connection.preparedQuery(insertShares(shares.length))
                        .execute(shareRows(packet.id(), shares)))
                .replaceWith(new Created(packet, true)))
                .onFailure(PacketLedger::isDuplicate)
                .recoverWithUni(duplicate -> mysql
                        .withConnection(connection -> find(connection, packet.senderId(), packet.idempotencyKey()))
                        .map(existing -> new Created(existing.orElseThrow(() -> new IllegalStateException(
                                "packet id " + packet.id() + " collided with another packet")), false)));
    }

    @Timeout
    @CircuitBreaker
    public Uni<Optional<PacketRow>> find(String senderId, String idempotencyKey) {
        return mysql.withConnection(connection -> find(connection, senderId, idempotencyKey));
    }

    @Timeout
    @CircuitBreaker
    public Uni<List<ShareRow>> shares(String packetId) {
        return mysql.preparedQuery(SHARES).execute(Tuple.of(packetId)).map(rows -> {
            List<ShareRow> shares = new ArrayList<>();
            for (Row row : rows) {
                LocalDateTime at = row.getLocalDateTime("grabbed_at");
                shares.add(new ShareRow(row.getInteger("seq"), row.getLong("amount_cents"), row.getString("grabbed_by"),
                        at == null ? null : at.toInstant(ZoneOffset.UTC)));
            }
            return shares;
        });
    }

    /**
     * Writes a grab onto its share, only where the share is still untaken. Doing it twice is harmless: the
     * second finds the share taken by the same user and says so.
     */
    public Uni<Recorded> record(String packetId, Grab grab) {
        return recordGuard.call(() -> mysql.withConnection(connection -> connection.preparedQuery(RECORD_GRAB)
                .execute(Tuple.of(grab.userId(), utc(grab.at()), packetId, grab.seq()))
                .flatMap(updated -> updated.rowCount() == 1
                        ? Uni.createFrom().item(Recorded.NOW)
                        : connection.preparedQuery(HOLDER)
                                .execute(Tuple.of(packetId, grab.seq()))
                                .map(rows -> rows.size() == 1
                                        && grab.userId().equals(rows.iterator().next().getString("grabbed_by"))
                                                ? Recorded.BEFORE
                                                : Recorded.CONFLICT)))
                // The user holds another share of this packet in MySQL: the unique key said no.
                .onFailure(PacketLedger::isDuplicate)
                .recoverWithItem(Recorded.CONFLICT));
    }

    /**
     * Runs the statements of recording a grab on one connection of its own, for a packet that cannot exist, and
     * rolls them back: start-up opens the pool with it, and nothing stays.
     */
    public Uni<Void> rehearse(String packetId) {
        Tuple share = Tuple.of("rehearsal", utc(Instant.EPOCH), packetId, 0);
        return mysql.getConnection()
                .flatMap(connection -> connection.begin()
                        .flatMap(tx -> connection.preparedQuery(RECORD_GRAB)
                                .execute(share)
                                .flatMap(updated -> connection.preparedQuery(HOLDER).execute(Tuple.of(packetId, 0)))
                                .eventually(tx::rollback))
                        .eventually(connection::close))
                .replaceWithVoid();
    }

    /** Ids of open packets expired by {@code now}, the longest expired first. */
    @Timeout
    public Uni<List<String>> due(Instant now, int limit) {
        return mysql.preparedQuery(DUE).execute(Tuple.of(utc(now), limit)).map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString("id")));
            return ids;
        });
    }

    /**
     * Refunds what no one took, exactly once: the packet row is locked, the taken shares summed, and the
     * packet moved from open to refunded in the same transaction. A second run (or a concurrent one, which
     * waits on the lock) finds it no longer open and refunds nothing.
     *
     * @return the refund, when this call made it
     */
    @Timeout
    public Uni<Optional<Long>> refund(String packetId, Instant now) {
        return mysql.withTransaction(connection -> connection.preparedQuery(LOCK_OPEN)
                .execute(Tuple.of(packetId))
                .flatMap(open -> {
                    if (open.size() == 0) {
                        return Uni.createFrom().item(Optional.<Long>empty());
                    }
                    long amount = open.iterator().next().getLong("amount_cents");
                    return connection.preparedQuery(TAKEN).execute(Tuple.of(packetId)).flatMap(taken -> {
                        long refund = amount - taken.iterator().next().getLong("taken");
                        return connection.preparedQuery(REFUND)
                                .execute(Tuple.of(refund, utc(now), packetId))
                                .map(updated -> updated.rowCount() == 1 ? Optional.of(refund) : Optional.<Long>empty());
                    });
                }));
    }

    private static Uni<Optional<PacketRow>> find(SqlConnection connection, String senderId, String idempotencyKey) {
        return connection.preparedQuery(FIND)
                .execute(Tuple.of(senderId, idempotencyKey))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(packet(rows.iterator().next())));
    }

    private static PacketRow packet(Row row) {
        return new PacketRow(row.getString("id"), row.getString("sender_id"), row.getString("idempotency_key"),
                row.getString("mode"), row.getLong("amount_cents"), row.getInteger("share_count"),
                row.getString("greeting"), row.getString("status"), row.getLong("refund_cents"),
                row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC),
                row.getLocalDateTime("expires_at").toInstant(ZoneOffset.UTC));
    }

    private static String insertShares(int count) {
        StringBuilder sql = new StringBuilder("INSERT INTO red_packet_share (packet_id, seq, amount_cents) VALUES ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        return sql.toString();
    }

    private static Tuple shareRows(String packetId, long[] shares) {
        Tuple rows = Tuple.tuple();
        for (int seq = 0; seq < shares.length; seq++) {
            rows.addString(packetId).addInteger(seq).addLong(shares[seq]);
        }
        return rows;
    }

    static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static boolean isDuplicate(Throwable failure) {
        return failure instanceof DatabaseException db && db.getErrorCode() == DUPLICATE_KEY;
    }
}

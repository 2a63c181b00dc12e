package dev.surge.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import io.restassured.http.ContentType;

/**
 * Writes winners into the ledgers as the draw and red-packet functions do (grants, rain wins, grabbed shares), in
 * batches, so tests of the operators' records have many of them fast.
 */
final class Ledgers {

    private Ledgers() {
    }

    /** A raffle with one prize through the admin API; returns the prize id. */
    static long raffleWithPrize(long campaignId, String prize) {
        Admin.operator()
                .contentType(ContentType.JSON)
                .body(Admin.json(Map.of("interceptRatio", 0.5, "noPrizeWeight", 100)))
                .put(Admin.CAMPAIGNS + "/" + campaignId + "/raffle")
                .then()
                .statusCode(200);
        return Admin.operator()
                .contentType(ContentType.JSON)
                .body(Admin.json(Map.of("name", prize, "weight", 10, "stock", 5)))
                .post(Admin.CAMPAIGNS + "/" + campaignId + "/prizes")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** {@code count} granted draws of the prize, user {@code userPrefix + i}, one a millisecond from {@code from}. */
    static void grants(DataSource db, long campaignId, long prizeId, String userPrefix, int count, Instant from)
            throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO prize_grant (campaign_id, user_id, idempotency_key, draw_id, prize_id, status, pick,
                            weight_total, created_at) VALUES (?, ?, ?, ?, ?, 'granted', 1, 110, ?)""")) {
            for (int i = 0; i < count; i++) {
                insert.setLong(1, campaignId);
                insert.setString(2, userPrefix + i);
                insert.setString(3, "key-" + userPrefix + i);
                insert.setString(4, "d-" + campaignId + "-" + userPrefix + i);
                insert.setLong(5, prizeId);
                insert.setObject(6, utc(from.plusMillis(i)));
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** A void grant (closed by the sweeper before it committed): no winner. */
    static void voidGrant(DataSource db, long campaignId, long prizeId, String userId) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO prize_grant (campaign_id, user_id, idempotency_key, draw_id, prize_id, status, pick,
                            weight_total, created_at) VALUES (?, ?, ?, ?, ?, 'void', 1, 110, ?)""")) {
            insert.setLong(1, campaignId);
            insert.setString(2, userId);
            insert.setString(3, "void-" + userId);
            insert.setString(4, "void-" + userId);
            insert.setLong(5, prizeId);
            insert.setObject(6, utc(Instant.now()));
            insert.executeUpdate();
        }
    }

    /** The campaign's rain and {@code count} of its packets won, seq 0.., user {@code userPrefix + seq}. */
    static void rainWins(DataSource db, long campaignId, String userPrefix, int count, Instant from) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement rain = c.prepareStatement("""
                    INSERT INTO rain (campaign_id, total_packets, min_cents, max_cents, total_cents, rate_per_second,
                        buckets, per_user_max, seed, starts_at, created_at) VALUES (?, ?, 1, 1000, ?, 10, 1, 1, 7, ?, ?)""")) {
                rain.setLong(1, campaignId);
                rain.setInt(2, Math.max(count, 1));
                rain.setLong(3, Math.max(count, 1) * 100L);
                rain.setObject(4, utc(from));
                rain.setObject(5, utc(from));
                rain.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    """
                            INSERT INTO rain_win (campaign_id, seq, bucket, user_id, amount_cents, won_at) VALUES (?, ?, 0, ?, ?, ?)""")) {
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, campaignId);
                    insert.setInt(2, i);
                    insert.setString(3, userPrefix + i);
                    insert.setLong(4, 100 + i);
                    insert.setObject(5, utc(from.plusMillis(i)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** A red packet from {@code sender} of one share per taker, each grabbed. */
    static void grabbedPacket(DataSource db, String packetId, String sender, Instant at, String... takers)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement packet = c.prepareStatement("""
                    INSERT INTO red_packet (id, sender_id, idempotency_key, mode, amount_cents, share_count, status,
                        created_at, expires_at) VALUES (?, ?, ?, 'equal', ?, ?, 'open', ?, ?)""")) {
                packet.setString(1, packetId);
                packet.setString(2, sender);
                packet.setString(3, "send-" + packetId);
                packet.setLong(4, 50L * takers.length);
                packet.setInt(5, takers.length);
                packet.setObject(6, utc(at));
                packet.setObject(7, utc(at.plusSeconds(86_400)));
                packet.executeUpdate();
            }
            try (PreparedStatement share = c.prepareStatement(
                    """
                            INSERT INTO red_packet_share (packet_id, seq, amount_cents, grabbed_by, grabbed_at) VALUES (?, ?, 50, ?, ?)""")) {
                for (int i = 0; i < takers.length; i++) {
                    share.setString(1, packetId);
                    share.setInt(2, i);
                    share.setString(3, takers[i]);
                    share.setObject(4, utc(at.plusMillis(i)));
                    share.addBatch();
                }
                share.executeBatch();
            }
        }
    }

    /** One granted draw of the prize for {@code userId} at {@code at}. */
    static void grant(DataSource db, long campaignId, long prizeId, String userId, String key, Instant at)
            throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO prize_grant (campaign_id, user_id, idempotency_key, draw_id, prize_id, status, pick,
                            weight_total, created_at) VALUES (?, ?, ?, ?, ?, 'granted', 1, 110, ?)""")) {
            insert.setLong(1, campaignId);
            insert.setString(2, userId);
            insert.setString(3, key);
            insert.setString(4, "draw-" + key);
            insert.setLong(5, prizeId);
            insert.setObject(6, utc(at));
            insert.executeUpdate();
        }
    }

    /** One rain packet won by {@code userId}; the campaign's rain must exist ({@link #rainWins} with 0 wins). */
    static void rainWin(DataSource db, long campaignId, int seq, String userId, long cents, Instant at)
            throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        """
                                INSERT INTO rain_win (campaign_id, seq, bucket, user_id, amount_cents, won_at) VALUES (?, ?, 0, ?, ?, ?)""")) {
            insert.setLong(1, campaignId);
            insert.setInt(2, seq);
            insert.setString(3, userId);
            insert.setLong(4, cents);
            insert.setObject(5, utc(at));
            insert.executeUpdate();
        }
    }

    static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

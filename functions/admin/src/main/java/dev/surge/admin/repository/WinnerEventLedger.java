package dev.surge.admin.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.WinnerEvent;

/**
 * The outbox of winner events, which is the ledgers themselves: every row that records a grant, a rain win, a share
 * taken or a refund is an event until the relay marks it published ({@code published_at}, V9). Each ledger is read
 * oldest first through the index that migration made, so a read costs the rows it returns, not the ledger's size.
 */
@ApplicationScoped
public class WinnerEventLedger {

    /** One ledger: how its unpublished events are read and how they are marked published. */
    public enum Source {

        GRANTS("""
                SELECT g.id, g.campaign_id, g.user_id, g.prize_id, p.name, g.draw_id, g.created_at
                FROM prize_grant g LEFT JOIN prize p ON p.id = g.prize_id
                WHERE g.published_at IS NULL AND g.status = 'granted' ORDER BY g.id LIMIT ?""",
                "UPDATE prize_grant SET published_at = ? WHERE id = ? AND published_at IS NULL"), RAIN_WINS("""
                        SELECT campaign_id, seq, user_id, amount_cents, won_at FROM rain_win
                        WHERE published_at IS NULL ORDER BY won_at, campaign_id, seq LIMIT ?""",
                        "UPDATE rain_win SET published_at = ? WHERE campaign_id = ? AND seq = ? AND published_at IS NULL"), SHARES(
                                """
                                        SELECT packet_id, seq, grabbed_by, amount_cents, grabbed_at FROM red_packet_share
                                        WHERE published_at IS NULL AND grabbed_at IS NOT NULL ORDER BY grabbed_at, packet_id, seq LIMIT ?""",
                                "UPDATE red_packet_share SET published_at = ? WHERE packet_id = ? AND seq = ? AND published_at IS NULL"), REFUNDS(
                                        """
                                                SELECT id, sender_id, refund_cents, refunded_at FROM red_packet
                                                WHERE refund_published_at IS NULL AND refunded_at IS NOT NULL ORDER BY refunded_at, id LIMIT ?""",
                                        "UPDATE red_packet SET refund_published_at = ? WHERE id = ? AND refund_published_at IS NULL");

        private final String unpublished;
        private final String publish;

        Source(String unpublished, String publish) {
            this.unpublished = unpublished;
            this.publish = publish;
        }
    }

    /** An event and the key of the ledger row it comes from. */
    public record Unpublished(Source source, WinnerEvent event, Object[] key) {
    }

    private final DataSource db;

    public WinnerEventLedger(DataSource db) {
        this.db = db;
    }

    /** At most {@code limit} events of one ledger not yet published, oldest first. */
    public List<Unpublished> unpublished(Source source, int limit) throws SQLException {
        List<Unpublished> found = new ArrayList<>(limit);
        try (Connection c = db.getConnection(); PreparedStatement query = c.prepareStatement(source.unpublished)) {
            query.setInt(1, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(read(source, rs));
                }
            }
        }
        return found;
    }

    /** Marks events published at {@code at}, in one transaction; a row published meanwhile keeps its time. */
    public void published(List<Unpublished> events, Instant at) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Timestamp when = Timestamp.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDateTime());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Source source : Source.values()) {
                    List<Unpublished> mine = events.stream().filter(e -> e.source() == source).toList();
                    if (mine.isEmpty()) {
                        continue;
                    }
                    try (PreparedStatement update = c.prepareStatement(source.publish)) {
                        for (Unpublished event : mine) {
                            update.setTimestamp(1, when);
                            for (int i = 0; i < event.key().length; i++) {
                                update.setObject(i + 2, event.key()[i]);
                            }
                            update.addBatch();
                        }
                        update.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static Unpublished read(Source source, ResultSet rs) throws SQLException {
        return switch (source) {
            case GRANTS -> {
                long id = rs.getLong("id");
                yield new Unpublished(source, WinnerEvent.granted(id, rs.getLong("campaign_id"), rs.getString("user_id"),
                        rs.getLong("prize_id"), rs.getString("name"), rs.getString("draw_id"),
                        CampaignRepository.instant(rs, "created_at")), new Object[]{id});
            }
            case RAIN_WINS -> {
                long campaign = rs.getLong("campaign_id");
                int seq = rs.getInt("seq");
                yield new Unpublished(source, WinnerEvent.rainWon(campaign, seq, rs.getString("user_id"),
                        rs.getLong("amount_cents"), CampaignRepository.instant(rs, "won_at")), new Object[]{campaign, seq});
            }
            case SHARES -> {
                String packet = rs.getString("packet_id");
                int seq = rs.getInt("seq");
                yield new Unpublished(source, WinnerEvent.shareTaken(packet, seq, rs.getString("grabbed_by"),
                        rs.getLong("amount_cents"), CampaignRepository.instant(rs, "grabbed_at")), new Object[]{packet, seq});
            }
            case REFUNDS -> {
                String packet = rs.getString("id");
                yield new Unpublished(source, WinnerEvent.refunded(packet, rs.getString("sender_id"),
                        rs.getLong("refund_cents"), CampaignRepository.instant(rs, "refunded_at")), new Object[]{packet});
            }
        };
    }
}

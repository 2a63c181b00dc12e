package dev.surge.admin.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.PrizeKind;
import dev.surge.admin.UserPrize;
import dev.surge.admin.UserPrizesCursor;
import dev.surge.admin.config.AdminConfig;

/**
 * A user's prizes across campaigns, read from the three ledgers that record them (draw grants, rain wins,
 * red-packet shares) by the user's id only, newest first. Each ledger is read through its index by winner for at
 * most one page past the cursor; the page is the newest of those, so a page costs three short index reads.
 */
@ApplicationScoped
public class UserPrizeLedger {

    private static final String DRAWS = """
            SELECT g.id, g.campaign_id, g.prize_id, p.name, g.draw_id, g.created_at AS at
            FROM prize_grant g JOIN prize p ON p.id = g.prize_id
            WHERE g.user_id = ? AND g.status = 'granted'%s ORDER BY g.created_at DESC, g.id LIMIT ?""";
    private static final String RAIN = """
            SELECT w.campaign_id, w.seq, w.amount_cents, w.won_at AS at FROM rain_win w
            WHERE w.user_id = ?%s ORDER BY w.won_at DESC, w.campaign_id, w.seq LIMIT ?""";
    private static final String SHARES = """
            SELECT s.packet_id, s.seq, s.amount_cents, s.grabbed_at AS at FROM red_packet_share s
            WHERE s.grabbed_by = ?%s ORDER BY s.grabbed_at DESC, s.packet_id, s.seq LIMIT ?""";

    private final DataSource db;
    private final AdminConfig config;

    public UserPrizeLedger(DataSource db, AdminConfig config) {
        this.db = db;
        this.config = config;
    }

    /** At most {@code limit} of the user's prizes after {@code after} (from the newest when null), newest first. */
    public List<UserPrize> page(String userId, UserPrizesCursor after, int limit) {
        List<UserPrize> all = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            read(c, DRAWS, "g.created_at", "g.id > ?", UserPrizesCursor.Ledger.DRAWS, userId, after, limit, rs -> {
                Instant at = CampaignRepository.instant(rs, "at");
                return new UserPrize(PrizeKind.DRAW, rs.getLong("campaign_id"), rs.getLong("prize_id"), rs.getString("name"),
                        rs.getString("draw_id"), null, null, at,
                        new UserPrizesCursor(at.toEpochMilli(), UserPrizesCursor.Ledger.DRAWS, rs.getLong("id"), 0, ""));
            }, all);
            read(c, RAIN, "w.won_at", "(w.campaign_id > ? OR (w.campaign_id = ? AND w.seq > ?))", UserPrizesCursor.Ledger.RAIN,
                    userId, after, limit, rs -> {
                        Instant at = CampaignRepository.instant(rs, "at");
                        return new UserPrize(PrizeKind.RAIN, rs.getLong("campaign_id"), null, null, null,
                                rs.getLong("amount_cents"), null, at, new UserPrizesCursor(at.toEpochMilli(),
                                        UserPrizesCursor.Ledger.RAIN, rs.getLong("campaign_id"), rs.getLong("seq"), ""));
                    }, all);
            read(c, SHARES, "s.grabbed_at", "(s.packet_id > ? OR (s.packet_id = ? AND s.seq > ?))",
                    UserPrizesCursor.Ledger.RED_PACKETS, userId, after, limit, rs -> {
                        Instant at = CampaignRepository.instant(rs, "at");
                        return new UserPrize(PrizeKind.RED_PACKET, null, null, null, null, rs.getLong("amount_cents"),
                                rs.getString("packet_id"), at, new UserPrizesCursor(at.toEpochMilli(),
                                        UserPrizesCursor.Ledger.RED_PACKETS, 0, rs.getLong("seq"), rs.getString("packet_id")));
                    }, all);
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
        all.sort((a, b) -> UserPrizesCursor.ORDER.compare(a.position(), b.position()));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    private interface Row {

        UserPrize read(ResultSet rs) throws SQLException;
    }

    /**
     * Reads one ledger past the cursor: rows of an earlier moment; at the cursor's moment, the rows of a later
     * ledger, or of the cursor's own ledger past its key.
     */
    private void read(Connection c, String sql, String atColumn, String keyAfter, UserPrizesCursor.Ledger ledger, String userId,
            UserPrizesCursor after, int limit, Row row, List<UserPrize> into) throws SQLException {
        String condition = "";
        if (after != null) {
            condition = after.ledger().compareTo(ledger) < 0
                    ? " AND " + atColumn + " <= ?"
                    : after.ledger().compareTo(ledger) > 0
                            ? " AND " + atColumn + " < ?"
                            : " AND (" + atColumn + " < ? OR (" + atColumn + " = ? AND " + keyAfter + "))";
        }
        try (PreparedStatement query = c.prepareStatement(sql.formatted(condition))) {
            int i = 1;
            query.setString(i++, userId);
            if (after != null) {
                Object at = CampaignRepository.utc(Instant.ofEpochMilli(after.atMillis()));
                query.setObject(i++, at);
                if (after.ledger() == ledger) {
                    query.setObject(i++, at);
                    switch (ledger) {
                        case DRAWS -> query.setLong(i++, after.number());
                        case RAIN -> {
                            query.setLong(i++, after.number());
                            query.setLong(i++, after.number());
                            query.setLong(i++, after.sequence());
                        }
                        case RED_PACKETS -> {
                            query.setString(i++, after.packet());
                            query.setString(i++, after.packet());
                            query.setLong(i++, after.sequence());
                        }
                    }
                }
            }
            query.setInt(i, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    into.add(row.read(rs));
                }
            }
        }
    }
}

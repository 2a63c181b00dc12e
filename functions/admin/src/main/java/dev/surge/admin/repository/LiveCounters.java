package dev.surge.admin.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.config.AdminConfig;

/** What a campaign has given away so far, counted in MySQL (the grants and the rain's wins). */
@ApplicationScoped
public class LiveCounters {

    private final DataSource db;
    private final AdminConfig config;

    public LiveCounters(DataSource db, AdminConfig config) {
        this.db = db;
        this.config = config;
    }

    /**
     * Counts.
     *
     * @param grantedByPrize committed grants of each prize that has any
     * @param lastGrantAt the latest grant's time; null when none
     */
    public record Counts(long grants, Instant lastGrantAt, Map<Long, Long> grantedByPrize, long rainWins,
            long rainWonCents) {
    }

    public Counts count(long campaignId) {
        try (Connection c = db.getConnection();
                PreparedStatement grants = c.prepareStatement("SELECT prize_id, COUNT(*), MAX(created_at) FROM prize_grant"
                        + " WHERE campaign_id = ? AND status = 'granted' GROUP BY prize_id");
                PreparedStatement rain = c.prepareStatement(
                        "SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM rain_win WHERE campaign_id = ?")) {
            grants.setLong(1, campaignId);
            Map<Long, Long> byPrize = new HashMap<>();
            long total = 0;
            Instant last = null;
            try (ResultSet rs = grants.executeQuery()) {
                while (rs.next()) {
                    byPrize.put(rs.getLong(1), rs.getLong(2));
                    total += rs.getLong(2);
                    LocalDateTime at = rs.getObject(3, LocalDateTime.class);
                    if (at != null && (last == null || at.toInstant(ZoneOffset.UTC).isAfter(last))) {
                        last = at.toInstant(ZoneOffset.UTC);
                    }
                }
            }
            rain.setLong(1, campaignId);
            try (ResultSet rs = rain.executeQuery()) {
                rs.next();
                return new Counts(total, last, byPrize, rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }
}

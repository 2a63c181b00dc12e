package dev.surge.admin.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.config.AdminConfig;
import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.Prize;

/**
 * Reads a campaign's raffle ({@code raffle} and {@code prize}, the draw's tables) so that publishing the
 * campaign carries its prize table: a snapshot without it would take the raffle off the hot path.
 */
@ApplicationScoped
public class RaffleRepository {

    private final DataSource db;
    private final AdminConfig config;

    public RaffleRepository(DataSource db, AdminConfig config) {
        this.db = db;
        this.config = config;
    }

    /** The campaign's raffle, empty when it runs none. */
    public Optional<DrawSettings> find(long campaignId) {
        try (Connection c = db.getConnection();
                PreparedStatement raffle = c.prepareStatement(
                        "SELECT intercept_ratio, no_prize_weight, stock_buckets FROM raffle WHERE campaign_id = ?");
                PreparedStatement prizes = c.prepareStatement(
                        "SELECT id, name, weight FROM prize WHERE campaign_id = ? ORDER BY position, id")) {
            raffle.setLong(1, campaignId);
            double interceptRatio;
            long noPrizeWeight;
            int stockBuckets;
            try (ResultSet rs = raffle.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                interceptRatio = rs.getBigDecimal("intercept_ratio").doubleValue();
                noPrizeWeight = rs.getLong("no_prize_weight");
                stockBuckets = rs.getInt("stock_buckets");
            }
            prizes.setLong(1, campaignId);
            List<Prize> table = new ArrayList<>();
            try (ResultSet rs = prizes.executeQuery()) {
                while (rs.next()) {
                    table.add(from(rs));
                }
            }
            return Optional.of(new DrawSettings(interceptRatio, noPrizeWeight, table, stockBuckets));
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /**
     * How many stock buckets the campaign's raffle has (1 when it runs none): what every read or write of its Redis
     * stock must name, as the published snapshot does.
     */
    public int stockBuckets(long campaignId) {
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT stock_buckets FROM raffle WHERE campaign_id = ?")) {
            query.setLong(1, campaignId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    static Prize from(ResultSet rs) throws SQLException {
        return new Prize(rs.getLong("id"), rs.getString("name"), rs.getLong("weight"));
    }

    /** Online campaigns that run a raffle, after {@code afterId} in id order, at most {@code limit}. */
    public List<Long> onlineRaffles(long afterId, int limit) {
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement("""
                        SELECT c.id FROM campaign c JOIN raffle r ON r.campaign_id = c.id
                        WHERE c.status = 'online' AND c.id > ? ORDER BY c.id LIMIT ?""")) {
            query.setLong(1, afterId);
            query.setInt(2, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }
}

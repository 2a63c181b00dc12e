package dev.surge.admin.repository;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.config.AdminConfig;

/**
 * The {@code raffle} and {@code prize} tables: the prize table of a campaign and each prize's stock, which
 * MySQL holds as the authority (the draw takes a unit here in the same transaction as the grant).
 */
@ApplicationScoped
public class PrizeRepository {

    private static final String COLUMNS = "id, campaign_id, name, weight, stock, position";

    private final DataSource db;
    private final AdminConfig config;

    public PrizeRepository(DataSource db, AdminConfig config) {
        this.db = db;
        this.config = config;
    }

    /** Creates or changes the campaign's raffle settings. */
    public void saveRaffle(long campaignId, BigDecimal interceptRatio, long noPrizeWeight, int stockBuckets, Instant at) {
        // Update, then insert when absent: portable between MySQL 8 and MariaDB.
        try (Connection c = db.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE raffle SET intercept_ratio = ?, no_prize_weight = ?,"
                        + " stock_buckets = ?, updated_at = ? WHERE campaign_id = ?")) {
            update.setBigDecimal(1, interceptRatio);
            update.setLong(2, noPrizeWeight);
            update.setInt(3, stockBuckets);
            update.setObject(4, CampaignRepository.utc(at));
            update.setLong(5, campaignId);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO raffle (campaign_id, intercept_ratio,"
                        + " no_prize_weight, stock_buckets, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setLong(1, campaignId);
                    insert.setBigDecimal(2, interceptRatio);
                    insert.setLong(3, noPrizeWeight);
                    insert.setInt(4, stockBuckets);
                    insert.setObject(5, CampaignRepository.utc(at));
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    public PrizeRow add(long campaignId, String name, long weight, long stock, Instant at) {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO prize (campaign_id, name, weight, stock, position, created_at, updated_at)
                        SELECT ?, ?, ?, ?, COALESCE(MAX(position) + 1, 0), ?, ? FROM prize WHERE campaign_id = ?""",
                        Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, campaignId);
            insert.setString(2, name);
            insert.setLong(3, weight);
            insert.setLong(4, stock);
            insert.setObject(5, CampaignRepository.utc(at));
            insert.setObject(6, CampaignRepository.utc(at));
            insert.setLong(7, campaignId);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return find(campaignId, keys.getLong(1)).orElseThrow();
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /** Changes a prize's name and weight; its stock changes only through {@link #addStock}/{@link #removeStock}. */
    public boolean describe(long campaignId, long prizeId, String name, long weight, Instant at) {
        return update("UPDATE prize SET name = ?, weight = ?, updated_at = ? WHERE id = ? AND campaign_id = ?",
                ps -> {
                    ps.setString(1, name);
                    ps.setLong(2, weight);
                    ps.setObject(3, CampaignRepository.utc(at));
                    ps.setLong(4, prizeId);
                    ps.setLong(5, campaignId);
                }) == 1;
    }

    public boolean addStock(long campaignId, long prizeId, long units, Instant at) {
        return update("UPDATE prize SET stock = stock + ?, updated_at = ? WHERE id = ? AND campaign_id = ?", ps -> {
            ps.setLong(1, units);
            ps.setObject(2, CampaignRepository.utc(at));
            ps.setLong(3, prizeId);
            ps.setLong(4, campaignId);
        }) == 1;
    }

    /** Removes units only if MySQL holds that many; false (nothing changed) otherwise. */
    public boolean removeStock(long campaignId, long prizeId, long units, Instant at) {
        return update("UPDATE prize SET stock = stock - ?, updated_at = ? WHERE id = ? AND campaign_id = ? AND stock >= ?",
                ps -> {
                    ps.setLong(1, units);
                    ps.setObject(2, CampaignRepository.utc(at));
                    ps.setLong(3, prizeId);
                    ps.setLong(4, campaignId);
                    ps.setLong(5, units);
                }) == 1;
    }

    public Optional<PrizeRow> find(long campaignId, long prizeId) {
        List<PrizeRow> found = query("SELECT " + COLUMNS + " FROM prize WHERE id = ? AND campaign_id = ?", ps -> {
            ps.setLong(1, prizeId);
            ps.setLong(2, campaignId);
        });
        return found.stream().findFirst();
    }

    public List<PrizeRow> ofCampaign(long campaignId) {
        return query("SELECT " + COLUMNS + " FROM prize WHERE campaign_id = ? ORDER BY position, id",
                ps -> ps.setLong(1, campaignId));
    }

    /**
     * The prize, read under its row lock: while the caller's transaction holds it no grant can commit a unit of
     * this prize, so MySQL's stock stands still.
     */
    public Optional<PrizeRow> lock(long campaignId, long prizeId) {
        return query("SELECT " + COLUMNS + " FROM prize WHERE id = ? AND campaign_id = ? FOR UPDATE", ps -> {
            ps.setLong(1, prizeId);
            ps.setLong(2, campaignId);
        }).stream().findFirst();
    }

    public long granted(long campaignId, long prizeId) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM prize_grant WHERE campaign_id = ? AND prize_id = ? AND status = 'granted'")) {
            ps.setLong(1, campaignId);
            ps.setLong(2, prizeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /** Whether MySQL holds a committed grant for one request (campaign, user, idempotency key). */
    public boolean grantedFor(long campaignId, String userId, String idempotencyKey) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM prize_grant WHERE campaign_id = ?"
                        + " AND user_id = ? AND idempotency_key = ? AND status = 'granted'")) {
            ps.setLong(1, campaignId);
            ps.setString(2, userId);
            ps.setString(3, idempotencyKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    private interface Binder {

        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    private List<PrizeRow> query(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<PrizeRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(PrizeRow.from(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }
}

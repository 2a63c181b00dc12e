package dev.surge.admin.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.config.AdminConfig;

/** The {@code campaign_list} table: which lists were uploaded for a campaign, how large, and when. */
@ApplicationScoped
public class CampaignListRepository {

    /** One uploaded list as recorded. */
    public record ListRecord(long campaignId, String name, long size, Instant uploadedAt) {
    }

    // Parameters rather than VALUES(): MySQL 8 deprecates VALUES() in this clause, and MariaDB lacks the row alias.
    private static final String UPSERT = """
            INSERT INTO campaign_list (campaign_id, name, size, uploaded_at) VALUES (?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE size = ?, uploaded_at = ?""";

    private final DataSource db;
    private final AdminConfig config;

    public CampaignListRepository(DataSource db, AdminConfig config) {
        this.db = db;
        this.config = config;
    }

    public void record(long campaignId, String name, long size, Instant uploadedAt) {
        try (Connection c = db.getConnection(); PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setLong(1, campaignId);
            upsert.setString(2, name);
            upsert.setLong(3, size);
            upsert.setObject(4, CampaignRepository.utc(uploadedAt));
            upsert.setLong(5, size);
            upsert.setObject(6, CampaignRepository.utc(uploadedAt));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    public Optional<ListRecord> find(long campaignId, String name) {
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT campaign_id, name, size, uploaded_at FROM campaign_list WHERE campaign_id = ? AND name = ?")) {
            query.setLong(1, campaignId);
            query.setString(2, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(from(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    public void delete(long campaignId, String name) {
        try (Connection c = db.getConnection();
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM campaign_list WHERE campaign_id = ? AND name = ?")) {
            delete.setLong(1, campaignId);
            delete.setString(2, name);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    static ListRecord from(ResultSet rs) throws SQLException {
        return new ListRecord(rs.getLong("campaign_id"), rs.getString("name"), rs.getLong("size"),
                CampaignRepository.instant(rs, "uploaded_at"));
    }
}

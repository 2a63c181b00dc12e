package dev.surge.admin.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.surge.admin.AuditEntry;
import dev.surge.admin.config.AdminConfig;

/**
 * The audit log of every operator change: campaigns created, edited (rules, limits, rate limits), published and
 * moved through their status; degrade switches; raffle settings, prizes and stock; list uploads and deletes (name
 * and size, never the ids); stock repairs. Values are JSON. An entry is written on the connection of the change's own transaction, so
 * no change exists without its entry and no entry without its change.
 */
@ApplicationScoped
public class AuditLog {

    private static final String INSERT = """
            INSERT INTO admin_audit (campaign_id, actor, action, before_value, after_value, at)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String PAGE = """
            SELECT id, campaign_id, actor, action, before_value, after_value, at FROM admin_audit
            WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?""";

    private final DataSource db;
    private final AdminConfig config;
    private final ObjectMapper json;

    public AuditLog(DataSource db, AdminConfig config, ObjectMapper json) {
        this.db = db;
        this.config = config;
        this.json = json;
    }

    /** A value of an entry as JSON: a record, a map, a list; null stays null (nothing before a creation). */
    public String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit value as JSON", e);
        }
    }

    /** A JSON object of the given names and values, in that order: {@code fields("name", "vip", "size", 3)}. */
    public String fields(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return json(out);
    }

    /** Records a change; call it inside the transaction that makes the change. */
    public void record(long campaignId, String actor, String action, String before, String after, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setLong(1, campaignId);
            insert.setString(2, actor);
            insert.setString(3, action);
            insert.setString(4, before);
            insert.setString(5, after);
            insert.setObject(6, CampaignRepository.utc(at));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /** A campaign's entries after the cursor {@code afterId}, oldest first, at most {@code limit}. */
    public List<AuditEntry> page(long campaignId, long afterId, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement query = c.prepareStatement(PAGE)) {
            query.setLong(1, campaignId);
            query.setLong(2, afterId);
            query.setInt(3, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("actor"),
                            rs.getString("action"), rs.getString("before_value"), rs.getString("after_value"),
                            CampaignRepository.instant(rs, "at")));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }
}

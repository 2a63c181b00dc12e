package dev.surge.admin.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.surge.admin.CampaignFields;
import dev.surge.admin.CampaignRow;
import dev.surge.admin.config.AdminConfig;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.model.Rule;

/**
 * The {@code campaign} table. Plain JDBC on the Agroal pool; a caller that needs several statements to hold
 * together runs them in one transaction, and the pool hands every statement of it the same connection.
 */
@ApplicationScoped
public class CampaignRepository {

    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, name, status, starts_at, ends_at, zone, priority, limit_total, "
            + "limit_per_day, rate_limits, degrades, rules, published_version, published_at, row_version, created_at, updated_at";
    private static final String INSERT = """
            INSERT INTO campaign (name, status, starts_at, ends_at, zone, priority, limit_total, limit_per_day,
                rate_limits, rules, published_version, row_version, created_at, updated_at)
            VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)""";
    private static final String UPDATE_FIELDS = """
            UPDATE campaign SET name = ?, starts_at = ?, ends_at = ?, zone = ?, priority = ?, limit_total = ?,
                limit_per_day = ?, rate_limits = ?, rules = ?, row_version = row_version + 1, updated_at = ?
            WHERE id = ? AND row_version = ? AND status <> 'ended'""";
    private static final String MARK_PUBLISHED = """
            UPDATE campaign SET published_version = published_version + 1, published_at = ? WHERE id = ?""";
    private static final String CHANGE_DEGRADES = """
            UPDATE campaign SET degrades = ?, published_version = published_version + 1, published_at = ?,
                row_version = row_version + 1, updated_at = ?
            WHERE id = ?""";
    private static final String CHANGE_STATUS = """
            UPDATE campaign SET status = ?, published_version = published_version + 1, published_at = ?,
                row_version = row_version + 1, updated_at = ?
            WHERE id = ?""";

    private final DataSource db;
    private final ObjectMapper json;
    private final AdminConfig config;

    public CampaignRepository(DataSource db, ObjectMapper json, AdminConfig config) {
        this.db = db;
        this.json = json;
        this.config = config;
    }

    /** Stores a new draft and returns it as stored. */
    public CampaignRow insert(CampaignFields fields, Instant now) {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            int i = bindFields(insert, fields);
            insert.setObject(i++, utc(now));
            insert.setObject(i, utc(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return select(c, id, false).orElseThrow(() -> new IllegalStateException("inserted row " + id + " vanished"));
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /**
     * Replaces the operator's fields if the row is still at {@code rowVersion} and not ended.
     *
     * @return the row as stored, or empty when another change got there first
     */
    public Optional<CampaignRow> update(long id, long rowVersion, CampaignFields fields, Instant now) {
        try (Connection c = db.getConnection(); PreparedStatement update = c.prepareStatement(UPDATE_FIELDS)) {
            int i = bindFields(update, fields);
            update.setObject(i++, utc(now));
            update.setLong(i++, id);
            update.setLong(i, rowVersion);
            return update.executeUpdate() == 1 ? select(c, id, false) : Optional.empty();
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    public Optional<CampaignRow> find(long id) {
        try (Connection c = db.getConnection()) {
            return select(c, id, false);
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /** Reads the row and locks it until the surrounding transaction ends. */
    public Optional<CampaignRow> lock(long id) {
        try (Connection c = db.getConnection()) {
            return select(c, id, true);
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /** The newest campaigns first, at most {@code limit}, only those in {@code status} when given. */
    public List<CampaignRow> list(Optional<CampaignStatus> status, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM campaign" + (status.isPresent() ? " WHERE status = ?" : "")
                + " ORDER BY id DESC LIMIT ?";
        try (Connection c = db.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            int i = 1;
            if (status.isPresent()) {
                query.setString(i++, status.get().wireName());
            }
            query.setInt(i, limit);
            List<CampaignRow> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(from(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /** Takes the next published version; the caller holds the row's lock. */
    public CampaignRow markPublished(long id, Instant now) {
        return change(id, MARK_PUBLISHED, s -> {
            s.setObject(1, utc(now));
            s.setLong(2, id);
        });
    }

    /** Moves the row to {@code status} and takes the next published version; the caller holds the row's lock. */
    public CampaignRow changeStatus(long id, CampaignStatus status, Instant now) {
        return change(id, CHANGE_STATUS, s -> {
            s.setString(1, status.wireName());
            s.setObject(2, utc(now));
            s.setObject(3, utc(now));
            s.setLong(4, id);
        });
    }

    /** Sets the row's degrade switches and takes the next published version; the caller holds the row's lock. */
    public CampaignRow changeDegrades(long id, Set<Degrade> degrades, Instant now) {
        return change(id, CHANGE_DEGRADES, s -> {
            s.setString(1, Degrades.wire(degrades));
            s.setObject(2, utc(now));
            s.setObject(3, utc(now));
            s.setLong(4, id);
        });
    }

    /** The published version, locking the row until the surrounding transaction ends; empty for no such row. */
    public OptionalLong lockPublishedVersion(long id) {
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT published_version FROM campaign WHERE id = ? FOR UPDATE")) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /** Maps the current row of a result holding {@link #COLUMNS}. */
    CampaignRow from(ResultSet rs) throws SQLException {
        Integer total = rs.getObject("limit_total", Integer.class);
        Integer perDay = rs.getObject("limit_per_day", Integer.class);
        CampaignFields fields = new CampaignFields(rs.getString("name"), instant(rs, "starts_at"),
                instant(rs, "ends_at"), rs.getString("zone"), rs.getInt("priority"),
                total == null && perDay == null ? ParticipationLimit.NONE : new ParticipationLimit(total, perDay),
                rules(rs.getString("rules")), rateLimits(rs.getString("rate_limits")));
        return new CampaignRow(rs.getLong("id"), CampaignStatus.fromWire(rs.getString("status")), fields,
                Degrades.parse(rs.getString("degrades")), rs.getLong("published_version"), instant(rs, "published_at"),
                rs.getLong("row_version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private interface Binder {

        void bind(PreparedStatement statement) throws SQLException;
    }

    private CampaignRow change(long id, String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            binder.bind(update);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("campaign " + id + " vanished while locked");
            }
            return select(c, id, false).orElseThrow();
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    private Optional<CampaignRow> select(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM campaign WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(from(rs)) : Optional.empty();
            }
        }
    }

    private int bindFields(PreparedStatement s, CampaignFields fields) throws SQLException {
        int i = 1;
        s.setString(i++, fields.name());
        s.setObject(i++, utc(fields.startsAt()));
        s.setObject(i++, utc(fields.endsAt()));
        s.setString(i++, fields.zone());
        s.setInt(i++, fields.priority());
        setInteger(s, i++, fields.limit().total());
        setInteger(s, i++, fields.limit().perDay());
        s.setString(i++, fields.rateLimits().any() ? write(fields.rateLimits()) : null);
        s.setString(i++, text(fields.rules()));
        return i;
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    private String text(List<Rule> rules) {
        try {
            return json.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rules as JSON", e);
        }
    }

    private String write(RateLimits limits) {
        try {
            return json.writeValueAsString(limits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rate limits as JSON", e);
        }
    }

    private RateLimits rateLimits(String text) {
        if (text == null) {
            return RateLimits.NONE;
        }
        try {
            return json.readValue(text, RateLimits.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rate limits are not JSON", e);
        }
    }

    private List<Rule> rules(String text) {
        try {
            return json.readValue(text, RULES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rules are not JSON", e);
        }
    }

    /**
     * DATETIME(3) columns hold UTC wall-clock time, so the driver must not shift it by a session zone; cut to the
     * millisecond here because MariaDB truncates finer digits where MySQL rounds them.
     */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}

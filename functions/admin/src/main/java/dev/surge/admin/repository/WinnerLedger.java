package dev.surge.admin.repository;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.PrizeKind;
import dev.surge.admin.Winner;
import dev.surge.admin.WinnerSink;
import dev.surge.admin.WinnersCursor;
import dev.surge.admin.WinnersPage;
import dev.surge.admin.config.AdminConfig;

/**
 * Reads a campaign's winners from the draw's grant ledger ({@code prize_grant}, granted only) and the rain's
 * ({@code rain_win}), in a stable order: grants by id, then rain wins by sequence. Every read streams from a
 * server-side cursor a few hundred rows at a time ({@link AdminConfig#winnersFetchSize()}), so neither planning a
 * page nor exporting it holds more than one row at once.
 */
@ApplicationScoped
public class WinnerLedger {

    private static final String GRANT_IDS = """
            SELECT id FROM prize_grant WHERE campaign_id = ? AND status = 'granted' AND id > ? ORDER BY id LIMIT ?""";
    private static final String RAIN_SEQS = """
            SELECT seq FROM rain_win WHERE campaign_id = ? AND seq > ? ORDER BY seq LIMIT ?""";
    private static final String GRANTS = """
            SELECT g.id, g.user_id, g.draw_id, g.prize_id, p.name, g.created_at
            FROM prize_grant g JOIN prize p ON p.id = g.prize_id
            WHERE g.campaign_id = ? AND g.status = 'granted' AND g.id > ? AND g.id <= ? ORDER BY g.id""";
    private static final String RAIN = """
            SELECT seq, user_id, amount_cents, won_at FROM rain_win
            WHERE campaign_id = ? AND seq > ? AND seq <= ? ORDER BY seq""";

    private final DataSource db;
    private final AdminConfig config;

    public WinnerLedger(DataSource db, AdminConfig config) {
        this.db = db;
        this.config = config;
    }

    /** The page of at most {@code limit} winners after {@code cursor}. */
    public WinnersPage plan(long campaignId, WinnersCursor cursor, int limit) {
        try (Connection c = db.getConnection()) {
            WinnersPage.Range grants = null;
            long rainAfter = -1;
            int left = limit;
            if (cursor.source() == WinnersCursor.Source.DRAWS) {
                Scan scan = scan(c, GRANT_IDS, campaignId, cursor.after(), left);
                grants = new WinnersPage.Range(cursor.after(), scan.last());
                if (scan.more()) {
                    return new WinnersPage(campaignId, grants, null,
                            new WinnersCursor(WinnersCursor.Source.DRAWS, scan.last()));
                }
                left -= scan.rows();
            } else {
                rainAfter = cursor.after();
            }
            Scan scan = scan(c, RAIN_SEQS, campaignId, rainAfter, left);
            WinnersPage.Range rain = new WinnersPage.Range(rainAfter, scan.last());
            return new WinnersPage(campaignId, grants, rain,
                    scan.more() ? new WinnersCursor(WinnersCursor.Source.RAIN, scan.last()) : null);
        } catch (SQLException e) {
            throw DatabaseFailure.of(e, config.retryAfter());
        }
    }

    /**
     * Streams the page's winners into {@code sink}, grants first.
     *
     * @throws SQLException when MySQL fails midway; what was written stays written
     */
    public void export(WinnersPage page, WinnerSink sink) throws SQLException, IOException {
        try (Connection c = db.getConnection()) {
            if (page.grants() != null && !page.grants().empty()) {
                try (PreparedStatement query = streaming(c, GRANTS, page.campaignId(), page.grants());
                        ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new Winner(PrizeKind.DRAW, page.campaignId(), rs.getString("user_id"),
                                rs.getString("draw_id"), rs.getLong("prize_id"), rs.getString("name"), null,
                                CampaignRepository.instant(rs, "created_at")));
                    }
                }
            }
            if (page.rain() != null && !page.rain().empty()) {
                try (PreparedStatement query = streaming(c, RAIN, page.campaignId(), page.rain());
                        ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new Winner(PrizeKind.RAIN, page.campaignId(), rs.getString("user_id"),
                                Long.toString(rs.getLong("seq")), null, null, rs.getLong("amount_cents"),
                                CampaignRepository.instant(rs, "won_at")));
                    }
                }
            }
        }
    }

    /** How far a page reaches into one ledger: rows counted (at most the limit), the last one's key, and whether more follow. */
    private record Scan(int rows, long last, boolean more) {
    }

    /** Walks at most {@code limit + 1} keys after {@code after} on the ledger's index, keeping none of them. */
    private Scan scan(Connection c, String sql, long campaignId, long after, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setFetchSize(config.winnersFetchSize());
            query.setLong(1, campaignId);
            query.setLong(2, after);
            query.setInt(3, limit + 1);
            int rows = 0;
            long last = after;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    if (rows == limit) {
                        return new Scan(rows, last, true);
                    }
                    rows++;
                    last = rs.getLong(1);
                }
            }
            return new Scan(rows, last, false);
        }
    }

    private PreparedStatement streaming(Connection c, String sql, long campaignId, WinnersPage.Range range)
            throws SQLException {
        PreparedStatement query = c.prepareStatement(sql);
        query.setFetchSize(config.winnersFetchSize());
        query.setLong(1, campaignId);
        query.setLong(2, range.after());
        query.setLong(3, range.through());
        return query;
    }
}

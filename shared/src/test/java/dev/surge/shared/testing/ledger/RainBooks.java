package dev.surge.shared.testing.ledger;

import dev.surge.shared.testing.Sql;

/** A shake rain's books in MySQL, read with plain SQL, as a test and the benchmark check them. */
public record RainBooks(String database) {

    public long wins(long campaignId) {
        return Sql.number(database, "SELECT COUNT(*) FROM rain_win WHERE campaign_id = " + campaignId);
    }

    public long wonCents(long campaignId) {
        return Sql.number(database, "SELECT COALESCE(SUM(amount_cents), 0) FROM rain_win WHERE campaign_id = " + campaignId);
    }

    /** Users holding more than {@code limit} packets of the rain. */
    public long usersOver(long campaignId, int limit) {
        return Sql.number(database, "SELECT COUNT(*) FROM (SELECT user_id FROM rain_win WHERE campaign_id = " + campaignId
                + " GROUP BY user_id HAVING COUNT(*) > " + limit + ") x");
    }

    public long winsOutside(long campaignId, long minCents, long maxCents) {
        return Sql.number(database, "SELECT COUNT(*) FROM rain_win WHERE campaign_id = " + campaignId
                + " AND (amount_cents < " + minCents + " OR amount_cents > " + maxCents + ")");
    }

    /** 1 when the rain's wins add up to more than its total, else 0. */
    public long paidOverTotal(long campaignId) {
        return Sql.number(database, "SELECT COUNT(*) FROM rain r WHERE r.campaign_id = " + campaignId + " AND (SELECT "
                + "COALESCE(SUM(amount_cents), 0) FROM rain_win w WHERE w.campaign_id = r.campaign_id) > r.total_cents");
    }
}

package dev.surge.shared.testing.ledger;

import java.util.List;

import dev.surge.shared.testing.Sql;

/**
 * The raffle's books in MySQL, read with plain SQL: what a test and the benchmark count to prove that no prize
 * was granted beyond its stock and no draw twice.
 */
public record PrizeBooks(String database) {

    /** The stock MySQL still holds for the prize. */
    public long stock(long prizeId) {
        return Sql.number(database, "SELECT stock FROM prize WHERE id = " + prizeId);
    }

    public long granted(long prizeId) {
        return Sql.number(database, "SELECT COUNT(*) FROM prize_grant WHERE prize_id = " + prizeId + " AND status = 'granted'");
    }

    public long grants(long campaignId) {
        return Sql.number(database,
                "SELECT COUNT(*) FROM prize_grant WHERE status = 'granted' AND campaign_id = " + campaignId);
    }

    /** Draws the sweeper closed without a grant ('void' rows, which carry no draw id of their own). */
    public long voided(long campaignId) {
        return Sql.number(database, "SELECT COUNT(*) FROM prize_grant WHERE campaign_id = " + campaignId
                + " AND status = 'void'");
    }

    /** (user, idempotency key) pairs with more than one row: a request granted twice. */
    public long duplicateGrants(long campaignId) {
        return Sql.number(database, "SELECT COUNT(*) FROM (SELECT user_id, idempotency_key FROM prize_grant WHERE "
                + "campaign_id = " + campaignId + " GROUP BY user_id, idempotency_key HAVING COUNT(*) > 1) d");
    }

    /** Draw ids with more than one grant. */
    public long drawsGrantedTwice(long campaignId) {
        return Sql.number(database, "SELECT COUNT(*) FROM (SELECT 1 FROM prize_grant WHERE campaign_id = " + campaignId
                + " AND status = 'granted' GROUP BY draw_id HAVING COUNT(*) > 1) d");
    }

    /** Users holding more grants than {@code limit}. */
    public long usersOver(long campaignId, int limit) {
        return Sql.number(database, "SELECT COUNT(*) FROM (SELECT 1 FROM prize_grant WHERE campaign_id = " + campaignId
                + " AND status = 'granted' GROUP BY user_id HAVING COUNT(*) > " + limit + ") d");
    }

    /** Every grant of the campaign as {@code user:idempotency-key}, sorted. */
    public List<String> grantedRequests(long campaignId) {
        return Sql.rows(database, "SELECT CONCAT(user_id, ':', idempotency_key) FROM prize_grant WHERE campaign_id = "
                + campaignId + " AND status = 'granted'").stream().map(row -> row.get(0)).sorted().toList();
    }
}

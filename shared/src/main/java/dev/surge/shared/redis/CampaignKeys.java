package dev.surge.shared.redis;

import java.time.LocalDate;

import dev.surge.shared.model.RateLimit;

/** Keys of one campaign (or of one stock bucket of its raffle, see {@link DrawBuckets}); all share one hash tag. */
public record CampaignKeys(String base) {

    /** Field of a participation hash counting the whole campaign. */
    public static final String TOTAL_FIELD = "total";

    /** The published snapshot (JSON) of the campaign. */
    public String snapshot() {
        return base + ":campaign";
    }

    /** A set of user ids uploaded by operators (allow-list, block-list, segment). */
    public String list(String name) {
        return base + ":list:" + name;
    }

    /** Hash of how often a user took part: {@link #TOTAL_FIELD} and one field per day. */
    public String participation(String userId) {
        return base + ":joins:" + userId;
    }

    /** Field of a participation hash counting one calendar day (in the campaign's zone). */
    public static String dayField(LocalDate day) {
        return "day:" + day;
    }

    /** Remaining stock of a prize, a counter that draws decrement and never take below zero. */
    public String stock(long prizeId) {
        return base + ":stock:" + prizeId;
    }

    /**
     * Marks, for a short while, that every other stock bucket of the prize was found empty when this bucket ran
     * dry, so this bucket's draws answer "sold out" without probing the others again.
     */
    public String drained(long prizeId) {
        return base + ":drained:" + prizeId;
    }

    /**
     * Users whose draws of a prize were answered other than "sold out" (they won it, or their limit refused
     * them), so an instance that remembers the prize sold out still sends their repeats to their records.
     */
    public String claimants(long prizeId) {
        return base + ":claimants:" + prizeId;
    }

    /** The outcome of one draw, by the caller and the request's idempotency key; replays read it. */
    public String draw(String userId, String idempotencyKey) {
        return base + ":draw:" + userId + ":" + idempotencyKey;
    }

    /** Draws won in Redis whose grant MySQL has not confirmed yet, scored by when they were won. */
    public String pendingDraws() {
        return base + ":pending";
    }

    /** Counts of draw outcomes (won, lost, sold out, limited) for the campaign. */
    public String tally() {
        return base + ":tally";
    }

    /** Draws admitted in one second, for the campaign-wide rate limit that holds across all instances. */
    public String rate(long epochSecond) {
        return base + ":rate:" + epochSecond;
    }

    /**
     * One user's attempts at {@code action} (e.g. "draw") in the fixed window of {@code limit} that {@code epochMillis}
     * falls in: a counter that lives as long as a window. A script still names a key when there is no limit (cluster
     * mode routes a script by its keys), so without one this names a key the script never touches.
     */
    public String userRate(String action, RateLimit limit, long epochMillis, String userId) {
        return base + ":" + RateLimit.counter(action, limit, epochMillis, userId);
    }
}

package dev.surge.draw;

/**
 * A draw won in Redis and not yet confirmed by MySQL, as it sits in the campaign's pending set. The member
 * string is "prize|key|user": the idempotency key never holds '|', and the user id comes last so it may.
 */
public record PendingDraw(long campaignId, long prizeId, String idempotencyKey, String userId) {

    public String member() {
        return prizeId + "|" + idempotencyKey + "|" + userId;
    }

    public static PendingDraw parse(long campaignId, String member) {
        String[] parts = member.split("\\|", 3);
        return new PendingDraw(campaignId, Long.parseLong(parts[0]), parts[1], parts[2]);
    }
}

package dev.surge.redpacket;

import java.time.Instant;

/**
 * A rain packet handed to a shaker, as the shake script recorded it: the member string is
 * "seq:amount:atMillis:user", the user id last so that it may hold ':'.
 */
public record RainWin(long campaignId, int bucket, int seq, long amountCents, Instant at, String userId) {

    public static RainWin parse(long campaignId, int bucket, String member) {
        String[] parts = member.split(":", 4);
        return new RainWin(campaignId, bucket, Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
                Instant.ofEpochMilli(Long.parseLong(parts[2])), parts[3]);
    }

    public String member() {
        return seq + ":" + amountCents + ":" + at.toEpochMilli() + ":" + userId;
    }
}

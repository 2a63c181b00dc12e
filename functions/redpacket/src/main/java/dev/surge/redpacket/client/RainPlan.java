package dev.surge.redpacket.client;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * What every shake needs to know about a campaign's rain; fixed once the rain starts, so instances cache it.
 *
 * @param startMillis when release begins (epoch ms)
 * @param ratePerSecond packets released per second over all buckets
 */
public record RainPlan(long campaignId, long startMillis, int ratePerSecond, int buckets, int perUserMax,
        int totalPackets) {

    /** The user's bucket: a stable hash of the user id, the same on every instance and every run. */
    public int bucketOf(String userId) {
        CRC32 crc = new CRC32();
        crc.update(userId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % buckets);
    }

    /** When the last packet of the fullest bucket is released (epoch ms). */
    public long releasedByMillis() {
        long fullest = (totalPackets + buckets - 1) / buckets;
        return startMillis + (fullest * buckets * 1000 + ratePerSecond - 1) / ratePerSecond;
    }
}

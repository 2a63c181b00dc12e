package dev.surge.redpacket.client;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * What every shake needs to know about a campaign's rain: its shape, fixed once the rain starts, and its schedule,
 * which operators steer (instances read it again every {@code revalidate-after}).
 *
 * @param startMillis when release begins (epoch ms)
 */
public record RainPlan(long campaignId, long startMillis, int buckets, int perUserMax, int totalPackets,
        RainSchedule schedule) {

    /** A rain as it starts, releasing {@code ratePerSecond} packets a second over all buckets. */
    public static RainPlan of(long campaignId, long startMillis, int ratePerSecond, int buckets, int perUserMax,
            int totalPackets) {
        return new RainPlan(campaignId, startMillis, buckets, perUserMax, totalPackets,
                RainSchedule.from(startMillis, ratePerSecond));
    }

    public RainPlan steered(RainSchedule next) {
        return new RainPlan(campaignId, startMillis, buckets, perUserMax, totalPackets, next);
    }

    /** The user's bucket: a stable hash of the user id, the same on every instance and every run. */
    public int bucketOf(String userId) {
        CRC32 crc = new CRC32();
        crc.update(userId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % buckets);
    }

    /** How many packets the fullest bucket holds. */
    public int fullestBucket() {
        return (totalPackets + buckets - 1) / buckets;
    }

    /** When the last packet of the fullest bucket is released on the current schedule (epoch ms). */
    public long releasedByMillis(long nowMillis) {
        return schedule.releasedBy(nowMillis, buckets, fullestBucket());
    }
}

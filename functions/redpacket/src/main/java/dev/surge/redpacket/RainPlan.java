package dev.surge.redpacket;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * What every shake needs to know about a campaign's rain: its shape, fixed once the rain starts, and its schedule,
 * which operators steer (instances read it again every {@code revalidate-after}).
 *
 * @param startMillis when release begins (epoch ms)
 * @param spread whether the buckets' hash tags are spread over the cluster's slot ranges, one range per bucket
 *        (see the Redis key builder); false for a rain started before they were
 */
public record RainPlan(long campaignId, long startMillis, int buckets, int perUserMax, int totalPackets,
        RainSchedule schedule, boolean spread) {

    /** A rain as it starts, releasing {@code ratePerSecond} packets a second over all buckets. */
    public static RainPlan of(long campaignId, long startMillis, int ratePerSecond, int buckets, int perUserMax,
            int totalPackets) {
        return new RainPlan(campaignId, startMillis, buckets, perUserMax, totalPackets,
                RainSchedule.from(startMillis, ratePerSecond), true);
    }

    public RainPlan steered(RainSchedule next) {
        return new RainPlan(campaignId, startMillis, buckets, perUserMax, totalPackets, next, spread);
    }

    /** The same rain with its buckets named as {@code spread} says (a repeated start keeps what the first used). */
    public RainPlan spread(boolean spread) {
        return new RainPlan(campaignId, startMillis, buckets, perUserMax, totalPackets, schedule, spread);
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

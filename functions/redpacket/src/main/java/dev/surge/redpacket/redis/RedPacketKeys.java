package dev.surge.redpacket.redis;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.redpacket.RainPlan;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.redis.HashSlot;
import dev.surge.shared.redis.RedisKeys;

/**
 * The one place that names the Redis keys of red packets and rains. Keys of one packet share the packet's
 * hash tag ({@code {rp:<id>}}), keys of one rain bucket share the bucket's ({@code {rain:<campaign>:<bucket>}}),
 * so each script touches a single cluster slot and the buckets of a rain spread over the cluster.
 */
@ApplicationScoped
public class RedPacketKeys {

    private final String prefix;

    public RedPacketKeys(RedisKeys keys) {
        this.prefix = keys.prefix();
    }

    public PacketKeys packet(String packetId) {
        return new PacketKeys(prefix + ":{rp:" + packetId + "}");
    }

    /** Sorted set of packet ids that may hold grabs not yet in MySQL, scored by when that was last marked. */
    public String unrecordedPackets() {
        return prefix + ":rp:unrecorded";
    }

    /** Hash of a campaign's rain plan (start, rate, buckets, per-user limit), written once the buckets are full. */
    public String rainPlan(long campaignId) {
        return prefix + ":{rain:" + campaignId + "}:plan";
    }

    /** The keys of one bucket of a rain, named as its plan says. */
    public BucketKeys bucket(RainPlan plan, int bucket) {
        return bucket(plan.campaignId(), bucket, plan.buckets(), plan.spread());
    }

    /**
     * The keys of bucket {@code bucket} of {@code count}. Spread, bucket {@code k} has the tag {@code rain:<id>:<k>}
     * when its slot falls in the {@code k}-th of {@code count} equal slot ranges, else that tag with the first suffix
     * that does ({@link HashSlot#spreadTag}): on a cluster of {@code count} masters (or a divisor of it) every master
     * holds buckets. Unspread, plain CRC16 decides: a 3-bucket rain had a bucket on every master of 3 in only half
     * of 1,000 campaign ids.
     */
    public BucketKeys bucket(long campaignId, int bucket, int count, boolean spread) {
        String tag = "rain:" + campaignId + ":" + bucket;
        return new BucketKeys(prefix + ":{" + (spread ? HashSlot.spreadTag(tag, bucket, count) : tag) + "}");
    }

    /** Keys of one packet. */
    public record PacketKeys(String base) {

        /** Hash: sender, amounts, count, mode, expiry, status, what remains. */
        public String meta() {
            return base + ":meta";
        }

        /** List of the shares not yet taken, each "seq:amount". */
        public String shares() {
            return base + ":shares";
        }

        /** Hash of user id → "seq:amount:grabbedAtMillis", one per user who took a share. */
        public String grabs() {
            return base + ":grabs";
        }

        /** Set of user ids whose grab is not yet in MySQL. */
        public String unrecorded() {
            return base + ":unrecorded";
        }

        public List<String> all() {
            return List.of(meta(), shares(), grabs(), unrecorded());
        }
    }

    /** Keys of one bucket of a rain. */
    public record BucketKeys(String base) {

        /** Hash: packets handed out so far, and when the keys expire. */
        public String state() {
            return base + ":state";
        }

        /** List of the packets not yet handed out, each "seq:amount". */
        public String packets() {
            return base + ":packets";
        }

        /** Hash of user id → packets that user won (the user's counter lives in their bucket's slot). */
        public String users() {
            return base + ":users";
        }

        /** Set of wins not yet in MySQL, each "seq:amount:wonAtMillis:user". */
        public String unrecorded() {
            return base + ":unrecorded";
        }

        /**
         * One user's shakes in the window of the campaign's per-user rate limit that {@code nowMillis} falls in. A
         * user always shakes in the same bucket of a rain, so the counter in the bucket's slot sees all their shakes.
         */
        public String userRate(RateLimit limit, long nowMillis, String userId) {
            return base + ":" + RateLimit.counter("shake", limit, nowMillis, userId);
        }
    }
}

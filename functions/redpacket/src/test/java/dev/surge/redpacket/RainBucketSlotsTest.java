package dev.surge.redpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.surge.redpacket.redis.RedPacketKeys;
import dev.surge.shared.redis.HashSlot;
import dev.surge.shared.redis.RedisKeys;

/** Where a rain's buckets land on a cluster: spread, one per slot range; a rain started before keeps its names. */
class RainBucketSlotsTest {

    private final RedPacketKeys keys = new RedPacketKeys(new RedisKeys(() -> "t1"));

    private static int slot(RedPacketKeys.BucketKeys bucket) {
        return HashSlot.of(bucket.state());
    }

    @Test
    void spreadBucketsOfAThreeBucketRainSitOnThreeMastersForEveryCampaign() {
        int plainOnAllThree = 0;
        for (long campaign = 1; campaign <= 1000; campaign++) {
            Set<Integer> ranges = new HashSet<>();
            Set<Integer> plainRanges = new HashSet<>();
            for (int k = 0; k < 3; k++) {
                RedPacketKeys.BucketKeys bucket = keys.bucket(campaign, k, 3, true);
                // Every key of a bucket shares its slot, as its scripts need.
                assertEquals(slot(bucket), HashSlot.of(bucket.packets()));
                assertEquals(slot(bucket), HashSlot.of(bucket.unrecorded()));
                ranges.add(slot(bucket) * 3 / HashSlot.SLOTS);
                plainRanges.add(slot(keys.bucket(campaign, k, 3, false)) * 3 / HashSlot.SLOTS);
            }
            assertEquals(Set.of(0, 1, 2), ranges, "campaign " + campaign);
            plainOnAllThree += plainRanges.size() == 3 ? 1 : 0;
        }
        // What the spread fixes: plain CRC16 put a bucket on every master for about half of the campaigns.
        assertTrue(plainOnAllThree < 600, plainOnAllThree + " of 1000");
    }

    @Test
    void aRainStartedBeforeTheSpreadKeepsItsPlainTags() {
        assertEquals("t1:{rain:42:2}", keys.bucket(42, 2, 3, false).base());
        // A bucket whose plain tag already falls in its range keeps it when spread, too.
        for (int k = 0; k < 16; k++) {
            String plain = keys.bucket(42, k, 16, false).base();
            int range = HashSlot.of(plain) * 16 / HashSlot.SLOTS;
            if (range == k) {
                assertEquals(plain, keys.bucket(42, k, 16, true).base());
            }
        }
    }
}

package dev.surge.shared.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Slots as a Redis 7.0 node in cluster mode answers them ({@code CLUSTER KEYSLOT}). */
class HashSlotTest {

    @Test
    void wholeKeyWithoutHashTag() {
        assertEquals(11058, HashSlot.of("somekey"));
        assertEquals(12739, HashSlot.of("123456789"));
        assertEquals(3596, HashSlot.of("x{"));
    }

    @Test
    void hashTagIsTheTextBetweenTheFirstOpeningBraceAndTheNextClosingOne() {
        assertEquals(2515, HashSlot.of("foo{hash_tag}"));
        assertEquals(5061, HashSlot.of("foo{bar}{zap}"));
        assertEquals(4015, HashSlot.of("foo{{bar}}zap"));
        // An empty tag does not count: the whole key is hashed.
        assertEquals(8363, HashSlot.of("foo{}{bar}"));
    }

    @Test
    void keysOfOneCampaignShareItsSlot() {
        CampaignKeys campaign = new CampaignKeys("t1:{c:42}");
        assertEquals(7978, HashSlot.of(campaign.list("fraud")));
        assertEquals(7978, HashSlot.of(campaign.participation("alice")));
        assertEquals(7978, HashSlot.of("{c:42}"));
    }

    @Test
    void spreadTagsLandOneInEachEqualSlotRange() {
        for (int count : new int[]{2, 3, 4, 6, 16}) {
            for (int k = 0; k < count; k++) {
                int slot = HashSlot.of("{" + HashSlot.spreadTag("c:42:b" + k, k, count) + "}");
                assertTrue(slot >= k * HashSlot.SLOTS / count && slot < (k + 1) * HashSlot.SLOTS / count,
                        "bucket " + k + " of " + count + " in slot " + slot);
            }
        }
        assertEquals("c:42", HashSlot.spreadTag("c:42", 0, 1));
    }

    @Test
    void drawBucketsOfARaffleSpreadAndOneBucketIsTheCampaignsOwnKeys() {
        RedisKeys keys = new RedisKeys(() -> "t1");
        assertEquals(keys.campaign(42).stock(7), keys.draw(42, 1).home("alice").stock(7));
        DrawBuckets three = keys.draw(42, 3);
        Set<Integer> ranges = new HashSet<>();
        for (int k = 0; k < 3; k++) {
            CampaignKeys bucket = three.bucket(k);
            // Every key a draw touches in a bucket shares the bucket's slot.
            int slot = HashSlot.of(bucket.stock(7));
            assertEquals(slot, HashSlot.of(bucket.participation("alice")));
            assertEquals(slot, HashSlot.of(bucket.draw("alice", "k1")));
            assertEquals(slot, HashSlot.of(bucket.drained(7)));
            assertEquals(slot, HashSlot.of(bucket.pendingDraws()));
            ranges.add(slot * 3 / HashSlot.SLOTS);
        }
        assertEquals(Set.of(0, 1, 2), ranges);
        // A user always lands in the same bucket, and a crowd lands in all of them.
        assertEquals(three.of("alice"), three.of("alice"));
        Set<Integer> used = new HashSet<>();
        for (int u = 0; u < 100; u++) {
            used.add(three.of("user-" + u));
        }
        assertEquals(Set.of(0, 1, 2), used);
    }
}

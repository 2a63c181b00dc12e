package dev.surge.shared.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

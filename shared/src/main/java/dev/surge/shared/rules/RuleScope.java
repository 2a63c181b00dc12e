package dev.surge.shared.rules;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.redis.DrawBuckets;

/**
 * What a rule may know while compiling: its campaign, the campaign's Redis keys, and the buckets its raffle's
 * per-user draw state lives in (one bucket, the campaign's keys, when it has no raffle).
 */
public record RuleScope(Campaign campaign, CampaignKeys keys, DrawBuckets draws) {

    /** The participation counters of a user (kept with the user's draw state). */
    public String participation(String userId) {
        return draws.home(userId).participation(userId);
    }
}

package dev.surge.shared.rules;

import java.util.List;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.redis.DrawBuckets;

/**
 * A published campaign with its chain of checks compiled, cached per published version, and the Redis buckets its
 * raffle's draw state lives in.
 */
public record CompiledCampaign(Campaign campaign, List<Link> chain, DrawBuckets draws) {

    /**
     * One check of the chain.
     *
     * @param kind the rule kind, as reported to callers
     * @param ruleIndex position among the operator's rules, or null for a check every campaign has
     */
    public record Link(String kind, Integer ruleIndex, Check check) {
    }

    public long id() {
        return campaign.id();
    }

    public long version() {
        return campaign.version();
    }
}

package dev.surge.shared.redis;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that names Redis keys. Every key of a campaign carries the campaign's hash tag
 * ({@code {c:42}}), so a campaign's keys share a cluster slot and one script may touch them all.
 */
@ApplicationScoped
public class RedisKeys {

    private final String prefix;

    public RedisKeys(RedisKeysConfig config) {
        this.prefix = config.keyPrefix();
    }

    public String prefix() {
        return prefix;
    }

    /** Hash of campaign id → published version: what is online and how fresh each snapshot is. */
    public String catalog() {
        return prefix + ":catalog";
    }

    public CampaignKeys campaign(long campaignId) {
        return new CampaignKeys(prefix + ":{c:" + campaignId + "}");
    }
}

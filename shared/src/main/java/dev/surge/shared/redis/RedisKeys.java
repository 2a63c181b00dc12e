package dev.surge.shared.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that names Redis keys. Every key of a campaign carries the campaign's hash tag
 * ({@code {c:42}}), so a campaign's keys share a cluster slot and one script may touch them all.
 */
@ApplicationScoped
public class RedisKeys {

    /** The most stock buckets a raffle may have: each is probed when a user's own bucket runs dry. */
    public static final int MAX_DRAW_BUCKETS = 16;

    private final String prefix;
    private final Map<Long, DrawBuckets> drawBuckets = new ConcurrentHashMap<>();

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

    /**
     * The buckets of a raffle's draw state. One bucket is the campaign's own keys; several get tags
     * {@code {c:<id>:b<k>...}} spread over the slot ranges ({@link HashSlot#spreadTag}).
     */
    public DrawBuckets draw(long campaignId, int count) {
        if (count < 1 || count > MAX_DRAW_BUCKETS) {
            throw new IllegalArgumentException("a raffle has 1 to " + MAX_DRAW_BUCKETS + " stock buckets, not " + count);
        }
        // Keyed by id and count together: the count is fixed once a raffle is published.
        return drawBuckets.computeIfAbsent(campaignId * (MAX_DRAW_BUCKETS + 1) + count, ignored -> {
            if (count == 1) {
                return new DrawBuckets(List.of(campaign(campaignId)));
            }
            List<CampaignKeys> buckets = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                buckets.add(new CampaignKeys(
                        prefix + ":{" + HashSlot.spreadTag("c:" + campaignId + ":b" + k, k, count) + "}"));
            }
            return new DrawBuckets(buckets);
        });
    }
}

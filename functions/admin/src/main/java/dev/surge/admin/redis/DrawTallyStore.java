package dev.surge.admin.redis;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.redis.RedisKeys;

/** The draw script's count of a campaign's outcomes, one hash per stock bucket. */
@ApplicationScoped
public class DrawTallyStore {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public DrawTallyStore(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The campaign's draws by outcome, summed over its {@code buckets} stock buckets. */
    public Map<String, Long> tally(long campaignId, int buckets) {
        Map<String, Long> tally = new TreeMap<>();
        for (CampaignKeys bucket : keys.draw(campaignId, buckets).buckets()) {
            redis.hash(String.class)
                    .hgetall(bucket.tally())
                    .forEach((outcome, n) -> tally.merge(outcome, Long.parseLong(n), Long::sum));
        }
        return tally;
    }
}

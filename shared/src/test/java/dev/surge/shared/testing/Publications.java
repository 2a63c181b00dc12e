package dev.surge.shared.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Rule;
import dev.surge.shared.redis.RedisKeys;

/**
 * Writes campaigns into Redis exactly as the admin side publishes them, so hot-path tests can set the stage
 * without the admin function running.
 */
@ApplicationScoped
public class Publications {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1000);

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public Publications(RedisDataSource redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    public static long newId() {
        return IDS.incrementAndGet();
    }

    /** An online campaign open from an hour ago for a day, with the given rules. */
    public static Campaign online(long id, int priority, Rule... rules) {
        Instant now = Instant.now();
        return new Campaign(id, "campaign " + id, CampaignStatus.ONLINE, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), "UTC", priority, ParticipationLimit.NONE, Arrays.asList(rules), 1);
    }

    public Campaign publish(Campaign campaign) {
        try {
            redis.value(String.class).set(keys.campaign(campaign.id()).snapshot(), json.writeValueAsString(campaign));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        redis.hash(Long.class).hset(keys.catalog(), Long.toString(campaign.id()), campaign.version());
        return campaign;
    }

    public void unpublish(long campaignId) {
        redis.hash(Long.class).hdel(keys.catalog(), Long.toString(campaignId));
        redis.key().del(keys.campaign(campaignId).snapshot());
    }

    public void addToList(long campaignId, String list, String... userIds) {
        redis.set(String.class).sadd(keys.campaign(campaignId).list(list), userIds);
    }

    public void participated(long campaignId, String userId, String field, long times) {
        redis.hash(Long.class).hset(keys.campaign(campaignId).participation(userId), field, times);
    }

    /** The same, for a raffle whose draw state is spread over stock buckets: in the user's bucket. */
    public void participated(long campaignId, int stockBuckets, String userId, String field, long times) {
        redis.hash(Long.class).hset(keys.draw(campaignId, stockBuckets).home(userId).participation(userId), field, times);
    }

    public List<String> keysOf(long campaignId) {
        return redis.key().keys(keys.campaign(campaignId).base() + ":*");
    }
}

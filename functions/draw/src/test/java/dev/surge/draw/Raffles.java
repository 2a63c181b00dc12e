package dev.surge.draw;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Prize;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.Sql;

/** Sets up raffles as the admin side would (prizes in MySQL, snapshot and stock in Redis) and reads the ledger. */
@ApplicationScoped
public class Raffles {

    /** A prize to create: its name, weight and stock. */
    public record PrizeSpec(String name, long weight, long stock) {
    }

    private final Publications publications;
    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final String database;

    public Raffles(Publications publications, RedisDataSource redis, RedisKeys keys,
            @ConfigProperty(name = LocalServices.DATABASE_PROPERTY) String database) {
        this.publications = publications;
        this.redis = redis;
        this.keys = keys;
        this.database = database;
    }

    public String database() {
        return database;
    }

    public Campaign create(double interceptRatio, long noPrizeWeight, ParticipationLimit limit, PrizeSpec... specs) {
        return create(RateLimits.NONE, interceptRatio, noPrizeWeight, limit, specs);
    }

    /** A raffle with per-user rate limits. */
    public Campaign create(RateLimits rateLimits, double interceptRatio, long noPrizeWeight, ParticipationLimit limit,
            PrizeSpec... specs) {
        long campaignId = Publications.newId();
        List<Prize> prizes = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            PrizeSpec spec = specs[i];
            Sql.exec(database, "INSERT INTO prize (campaign_id, name, weight, stock, position, created_at, updated_at) "
                    + "VALUES (" + campaignId + ", '" + spec.name() + "', " + spec.weight() + ", " + spec.stock() + ", " + i
                    + ", NOW(3), NOW(3))");
            long id = Sql.number(database, "SELECT MAX(id) FROM prize WHERE campaign_id = " + campaignId);
            prizes.add(new Prize(id, spec.name(), spec.weight()));
            redis.value(Long.class).set(keys.campaign(campaignId).stock(id), spec.stock());
        }
        Instant now = Instant.now();
        Campaign campaign = new Campaign(campaignId, "raffle " + campaignId, CampaignStatus.ONLINE,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), "UTC", 1, limit, List.of(),
                new DrawSettings(interceptRatio, noPrizeWeight, prizes), rateLimits, 1);
        return publications.publish(campaign);
    }

    public long redisStock(long campaignId, long prizeId) {
        Long stock = redis.value(Long.class).get(keys.campaign(campaignId).stock(prizeId));
        return stock == null ? 0 : stock;
    }

    public void setRedisStock(long campaignId, long prizeId, long stock) {
        redis.value(Long.class).set(keys.campaign(campaignId).stock(prizeId), stock);
    }

    public long mysqlStock(long prizeId) {
        return Sql.number(database, "SELECT stock FROM prize WHERE id = " + prizeId);
    }

    public long grants(long campaignId) {
        return Sql.number(database,
                "SELECT COUNT(*) FROM prize_grant WHERE status = 'granted' AND campaign_id = " + campaignId);
    }

    public long duplicateGrants(long campaignId) {
        return Sql.number(database, "SELECT COUNT(*) FROM (SELECT user_id, idempotency_key FROM prize_grant WHERE "
                + "campaign_id = " + campaignId + " GROUP BY user_id, idempotency_key HAVING COUNT(*) > 1) d");
    }

    public long participation(long campaignId, String userId) {
        String total = redis.hash(String.class).hget(keys.campaign(campaignId).participation(userId), "total");
        return total == null ? 0 : Long.parseLong(total);
    }

    public long pending(long campaignId) {
        return redis.sortedSet(String.class).zcard(keys.campaign(campaignId).pendingDraws());
    }

    /** How many draws the draw script itself answered with {@code outcome}. */
    public long tally(long campaignId, String outcome) {
        String count = redis.hash(String.class).hget(keys.campaign(campaignId).tally(), outcome);
        return count == null ? 0 : Long.parseLong(count);
    }

    /** Adds units the admin side's way: MySQL (the authority) first, then the Redis counter. */
    public void addStock(long prizeId, long units) {
        Sql.exec(database, "UPDATE prize SET stock = stock + " + units + " WHERE id = " + prizeId);
        String key = keys.campaign(campaignOf(prizeId)).stock(prizeId);
        redis.value(Long.class).incrby(key, units);
    }

    /**
     * Takes units away the admin side's way: only units still free in Redis, taken there first (atomically),
     * then from MySQL.
     */
    public boolean takeStock(long campaignId, long prizeId, long units) {
        String key = keys.campaign(campaignId).stock(prizeId);
        Long left = redis.execute("EVAL", "local s = tonumber(redis.call('GET', KEYS[1]) or '0') "
                + "if s < tonumber(ARGV[1]) then return -1 end return redis.call('DECRBY', KEYS[1], ARGV[1])",
                "1", key, Long.toString(units)).toLong();
        if (left < 0) {
            return false;
        }
        Sql.exec(database, "UPDATE prize SET stock = stock - " + units + " WHERE id = " + prizeId + " AND stock >= " + units);
        return true;
    }

    private long campaignOf(long prizeId) {
        return Sql.number(database, "SELECT campaign_id FROM prize WHERE id = " + prizeId);
    }
}

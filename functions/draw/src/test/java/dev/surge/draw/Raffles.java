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
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.redis.DrawBuckets;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.Sql;
import dev.surge.shared.testing.ledger.PrizeBooks;

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
            long id = insertPrize(campaignId, spec, i);
            prizes.add(new Prize(id, spec.name(), spec.weight()));
            redis.value(Long.class).set(keys.campaign(campaignId).stock(id), spec.stock());
        }
        Instant now = Instant.now();
        Campaign campaign = new Campaign(campaignId, "raffle " + campaignId, CampaignStatus.ONLINE,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), "UTC", 1, limit, List.of(),
                new DrawSettings(interceptRatio, noPrizeWeight, prizes), rateLimits, 1);
        return publications.publish(campaign);
    }

    /**
     * A raffle whose stock and draw state are spread over {@code buckets} stock buckets, each prize's stock split
     * evenly over them (the remainder to the lowest), as the admin side publishes it.
     */
    public Campaign createInBuckets(int buckets, long noPrizeWeight, ParticipationLimit limit, PrizeSpec... specs) {
        long campaignId = Publications.newId();
        DrawBuckets draws = keys.draw(campaignId, buckets);
        List<Prize> prizes = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            PrizeSpec spec = specs[i];
            long id = insertPrize(campaignId, spec, i);
            prizes.add(new Prize(id, spec.name(), spec.weight()));
            for (int k = 0; k < buckets; k++) {
                long share = spec.stock() / buckets + (k < spec.stock() % buckets ? 1 : 0);
                redis.value(Long.class).set(draws.bucket(k).stock(id), share);
            }
        }
        Instant now = Instant.now();
        Campaign campaign = new Campaign(campaignId, "raffle " + campaignId, CampaignStatus.ONLINE,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), "UTC", 1, limit, List.of(),
                new DrawSettings(0, noPrizeWeight, prizes, buckets), RateLimits.NONE, 1);
        return publications.publish(campaign);
    }

    public DrawBuckets buckets(Campaign raffle) {
        return keys.draw(raffle.id(), raffle.draw().stockBuckets());
    }

    /** The first of the users "prefix-0", "prefix-1", ... whose draws go to the bucket. */
    public String userInBucket(Campaign raffle, int bucket, String prefix) {
        DrawBuckets draws = buckets(raffle);
        for (int i = 0;; i++) {
            if (draws.of(prefix + "-" + i) == bucket) {
                return prefix + "-" + i;
            }
        }
    }

    public long bucketStock(Campaign raffle, long prizeId, int bucket) {
        Long stock = redis.value(Long.class).get(buckets(raffle).bucket(bucket).stock(prizeId));
        return stock == null ? 0 : stock;
    }

    public void setBucketStock(Campaign raffle, long prizeId, int bucket, long stock) {
        redis.value(Long.class).set(buckets(raffle).bucket(bucket).stock(prizeId), stock);
    }

    /** A prize's Redis stock summed over the raffle's buckets. */
    public long totalRedisStock(Campaign raffle, long prizeId) {
        long total = 0;
        for (int k = 0; k < raffle.draw().stockBuckets(); k++) {
            total += bucketStock(raffle, prizeId, k);
        }
        return total;
    }

    /** Draws pending in any of the raffle's buckets. */
    public long pendingInBuckets(Campaign raffle) {
        long pending = 0;
        for (CampaignKeys bucket : buckets(raffle).buckets()) {
            pending += redis.sortedSet(String.class).zcard(bucket.pendingDraws());
        }
        return pending;
    }

    /** How often a user took part, read where the user's draws count it. */
    public long participation(Campaign raffle, String userId) {
        String total = redis.hash(String.class).hget(buckets(raffle).home(userId).participation(userId), "total");
        return total == null ? 0 : Long.parseLong(total);
    }

    /** Adds units the admin side's way, to one bucket: MySQL first, then the bucket's counter. */
    public void addStockToBucket(Campaign raffle, long prizeId, int bucket, long units) {
        Sql.exec(database, "UPDATE prize SET stock = stock + " + units + " WHERE id = " + prizeId);
        redis.value(Long.class).incrby(buckets(raffle).bucket(bucket).stock(prizeId), units);
    }

    public boolean drained(Campaign raffle, long prizeId, int bucket) {
        return redis.key().exists(buckets(raffle).bucket(bucket).drained(prizeId));
    }

    /** The prize's row in MySQL, the authority on its stock; returns its id. */
    private long insertPrize(long campaignId, PrizeSpec spec, int position) {
        Sql.exec(database, "INSERT INTO prize (campaign_id, name, weight, stock, position, created_at, updated_at) "
                + "VALUES (" + campaignId + ", '" + spec.name() + "', " + spec.weight() + ", " + spec.stock() + ", "
                + position + ", NOW(3), NOW(3))");
        return Sql.number(database, "SELECT MAX(id) FROM prize WHERE campaign_id = " + campaignId);
    }

    public long redisStock(long campaignId, long prizeId) {
        Long stock = redis.value(Long.class).get(keys.campaign(campaignId).stock(prizeId));
        return stock == null ? 0 : stock;
    }

    public void setRedisStock(long campaignId, long prizeId, long stock) {
        redis.value(Long.class).set(keys.campaign(campaignId).stock(prizeId), stock);
    }

    public long mysqlStock(long prizeId) {
        return books().stock(prizeId);
    }

    public long grants(long campaignId) {
        return books().grants(campaignId);
    }

    public long duplicateGrants(long campaignId) {
        return books().duplicateGrants(campaignId);
    }

    /** The ledger's queries, the same the benchmark checks its runs with. */
    public PrizeBooks books() {
        return new PrizeBooks(database);
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

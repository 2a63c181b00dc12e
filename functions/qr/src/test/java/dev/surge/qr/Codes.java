package dev.surge.qr;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.qr.redis.QrKeys;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Sql;

/** Sets the stage in Redis and reads the pools and the MySQL ledger, independently of the code under test. */
@ApplicationScoped
public class Codes {

    private final RedisDataSource redis;
    private final QrKeys keys;
    private final RedisKeys redisKeys;
    private final String database;

    public Codes(RedisDataSource redis, QrKeys keys, RedisKeys redisKeys,
            @ConfigProperty(name = LocalServices.DATABASE_PROPERTY) String database) {
        this.redis = redis;
        this.keys = keys;
        this.redisKeys = redisKeys;
        this.database = database;
    }

    public static Caller user(String id) {
        return Caller.fromClaims(Map.of("sub", id));
    }

    /** Empties a pool in Redis (its codes stay pooled in MySQL, never to be handed out). */
    public void drain(String pool) {
        redis.key().del(keys.pool(pool).codes());
    }

    public long level(String pool) {
        return redis.list(String.class).llen(keys.pool(pool).codes());
    }

    public void push(String pool, String member) {
        redis.list(String.class).rpush(keys.pool(pool).codes(), member);
    }

    /** Caches a binding (as JSON) for scans, as an allocation does; it expires after {@code seconds}. */
    public void cache(String requestId, String binding, long seconds) {
        redis.value(String.class).setex(keys.binding(requestId), seconds, binding);
    }

    public List<String> members(String pool) {
        return redis.list(String.class).lrange(keys.pool(pool).codes(), 0, -1);
    }

    public boolean cached(String requestId) {
        return redis.key().exists(keys.binding(requestId));
    }

    /** Deletes every Redis key of a code: its cached binding and the claim of the request that holds it. */
    public void forgetInRedis(String pool, String requestId, String userId, String idempotencyKey) {
        redis.key().del(keys.binding(requestId), keys.pool(pool).claim(userId, idempotencyKey));
    }

    /** Makes a minute's upstream counter unreadable to the quota script (a hash where a number belongs). */
    public void spoilQuota(Instant minute) {
        String key = keys.quota(minute.toEpochMilli() / 60_000);
        redis.key().del(key);
        redis.hash(String.class).hset(key, "spoiled", "1");
    }

    public void clearQuota(Instant minute) {
        redis.key().del(keys.quota(minute.toEpochMilli() / 60_000));
    }

    public long unrecorded(String pool) {
        return redis.sortedSet(String.class).zcard(keys.pool(pool).unrecordedSince());
    }

    /** Every key of this run. */
    public List<String> allKeys() {
        return redis.key().keys(redisKeys.prefix() + ":*");
    }

    public long count(String where) {
        return Sql.number(database, "SELECT COUNT(*) FROM qr_code WHERE " + where);
    }

    public List<List<String>> rows(String sql) {
        return Sql.rows(database, sql);
    }

    public void exec(String sql) {
        Sql.exec(database, sql);
    }
}

package dev.surge.admin.redis;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.shared.redis.RedisKeys;

/** Where the scheduled raffle reconciliation goes on: the last campaign id its previous run compared. */
@ApplicationScoped
public class ReconcileCursorStore {

    private final RedisDataSource redis;
    private final String key;

    public ReconcileCursorStore(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.key = keys.prefix() + ":raffle-reconcile:after";
    }

    /** The campaign id the next run starts after; 0 for the first. */
    public long after() {
        Long stored = redis.value(Long.class).get(key);
        return stored == null ? 0 : stored;
    }

    public void save(long after) {
        redis.value(Long.class).set(key, after);
    }
}

package dev.surge.admin.redis;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.shared.redis.RedisKeys;

/** The published campaigns as the hot path reads them: each campaign's snapshot, and its version in the catalog. */
@ApplicationScoped
public class CatalogStore {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public CatalogStore(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Writes the snapshot first, then its version in the catalog, so a reader that sees the version finds it. */
    public void publish(long campaignId, long version, String snapshot) {
        redis.value(String.class).set(keys.campaign(campaignId).snapshot(), snapshot);
        redis.hash(Long.class).hset(keys.catalog(), Long.toString(campaignId), version);
    }
}

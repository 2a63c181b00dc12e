package dev.surge.admin.redis;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.shared.redis.RedisKeys;

/** The qr function's pools and upstream quota, as its keys hold them (read only: the qr function keeps them). */
@ApplicationScoped
public class QrPoolStore {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public QrPoolStore(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Upstream codes the fleet made in the minute {@code minute} (epoch minutes). */
    public long quotaUsed(long minute) {
        String quota = redis.value(String.class).get(base() + ":quota:" + minute);
        return quota == null ? 0 : Long.parseLong(quota);
    }

    /** Codes the pool holds ready. */
    public long depth(String pool) {
        return redis.list(String.class).llen(base() + ":{p:" + pool + "}:codes");
    }

    private String base() {
        return keys.prefix() + ":qr";
    }
}

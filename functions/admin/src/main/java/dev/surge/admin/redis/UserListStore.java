package dev.surge.admin.redis;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.admin.config.AdminConfig;
import dev.surge.shared.redis.LuaScript;
import dev.surge.shared.redis.RedisKeys;

/**
 * A campaign's user lists in Redis: the live sets list rules read, and the upload keys a new list is loaded into
 * beside them before one atomic script swaps it in.
 */
@ApplicationScoped
public class UserListStore {

    private static final LuaScript LOAD = LuaScript.load("list-load.lua");
    private static final LuaScript SWAP = LuaScript.load("list-swap.lua");
    private static final String INCOMPLETE = "UPLOAD_INCOMPLETE";

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final AdminConfig config;

    public UserListStore(ReactiveRedisDataSource reactive, RedisDataSource redis, RedisKeys keys, AdminConfig config) {
        this.reactive = reactive;
        this.redis = redis;
        this.keys = keys;
        this.config = config;
    }

    /** The key of the campaign's live list. */
    public String live(long campaignId, String list) {
        return keys.campaign(campaignId).list(list);
    }

    /**
     * Adds a batch of ids to an upload key; the batch's first element is the upload's time to live.
     *
     * @return how many of the ids were new to the upload
     */
    public long load(String upload, List<String> batch) {
        return LOAD.run(reactive, List.of(upload), batch).await().atMost(config.redisTimeout()).toLong();
    }

    /**
     * Swaps the upload in as the live list, atomically, if it holds all {@code size} ids.
     *
     * @return false when the upload expired before it was complete; the live list is then as it was
     */
    public boolean swap(String live, String upload, String old, long size) {
        try {
            SWAP.run(reactive, List.of(live, upload, old), List.of(Long.toString(size)))
                    .await()
                    .atMost(config.redisTimeout());
            return true;
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains(INCOMPLETE)) {
                return false;
            }
            throw e;
        }
    }

    /** How many ids the list holds. */
    public long size(String key) {
        return redis.set(String.class).scard(key);
    }

    /**
     * Deletes a list or an upload: UNLINK frees a large set in the background instead of blocking Redis.
     *
     * @return how many keys were deleted
     */
    public long delete(String key) {
        return redis.key().unlink(key);
    }
}

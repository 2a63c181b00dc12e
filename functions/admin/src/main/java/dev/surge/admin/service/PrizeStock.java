package dev.surge.admin.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.vertx.mutiny.redis.client.Response;

import dev.surge.admin.config.AdminConfig;
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.redis.LuaScript;
import dev.surge.shared.redis.RedisKeys;

/**
 * The Redis side of prize stock: the working counters the draw script decrements. MySQL stays the authority;
 * these calls move the counters along with it and put them back in line with it.
 */
@ApplicationScoped
public class PrizeStock {

    private static final LuaScript TAKE = LuaScript.load("stock-take.lua");
    private static final LuaScript REPAIR = LuaScript.load("stock-repair.lua");

    /** Result of a repair: what Redis held, the units pending there, and what it holds now. */
    public record Repair(long before, long pending, long after) {
    }

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final RedisKeys keys;
    private final AdminConfig config;

    public PrizeStock(RedisDataSource redis, ReactiveRedisDataSource reactive, RedisKeys keys, AdminConfig config) {
        this.redis = redis;
        this.reactive = reactive;
        this.keys = keys;
        this.config = config;
    }

    /** Creates the counters of prizes that have none yet (first publish, or a prize added since). */
    public void initialise(long campaignId, Map<Long, Long> stockByPrize) {
        CampaignKeys campaign = keys.campaign(campaignId);
        stockByPrize.forEach((prize, stock) -> redis.value(Long.class).set(campaign.stock(prize), stock, new SetArgs().nx()));
    }

    public boolean exists(long campaignId, long prizeId) {
        return redis.key().exists(keys.campaign(campaignId).stock(prizeId));
    }

    public long read(long campaignId, long prizeId) {
        Long stock = redis.value(Long.class).get(keys.campaign(campaignId).stock(prizeId));
        return stock == null ? 0 : stock;
    }

    /**
     * Draws of the prize won in Redis and not yet settled, as members {@code prize|idempotency key|user} of the
     * campaign's pending set. The grant of some may already be committed in MySQL.
     */
    public List<String> pending(long campaignId, long prizeId) {
        String prefix = prizeId + "|";
        return redis.sortedSet(String.class)
                .zrange(keys.campaign(campaignId).pendingDraws(), 0, -1)
                .stream()
                .filter(member -> member.startsWith(prefix))
                .toList();
    }

    public void add(long campaignId, long prizeId, long units) {
        redis.value(Long.class).incrby(keys.campaign(campaignId).stock(prizeId), units);
    }

    /** Takes units out of circulation if that many are free in Redis. */
    public boolean take(long campaignId, long prizeId, long units) {
        return run(TAKE, List.of(keys.campaign(campaignId).stock(prizeId)), List.of(Long.toString(units))).toLong() >= 0;
    }

    /**
     * Sets the counter to the MySQL stock less the units pending in Redis whose grant MySQL does not hold:
     * a pending draw in {@code committed} has taken its unit from MySQL already.
     */
    public Repair repair(long campaignId, long prizeId, long mysqlStock, Collection<String> committed) {
        CampaignKeys campaign = keys.campaign(campaignId);
        List<String> args = new ArrayList<>(List.of(Long.toString(mysqlStock), Long.toString(prizeId)));
        args.addAll(committed);
        Response reply = run(REPAIR, List.of(campaign.stock(prizeId), campaign.pendingDraws()), args);
        return new Repair(reply.get(0).toLong(), reply.get(1).toLong(), reply.get(2).toLong());
    }

    private Response run(LuaScript script, List<String> scriptKeys, List<String> args) {
        return script.run(reactive, scriptKeys, args).await().atMost(config.redisTimeout());
    }
}

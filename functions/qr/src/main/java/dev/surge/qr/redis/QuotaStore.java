package dev.surge.qr.redis;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.redis.LuaScript;

/**
 * The fleet's count of upstream codes per minute of the application clock, in Redis: a fixed window per
 * minute, so every instance of every function sees the same count. Not retried: a permit taken twice would
 * be a permit wasted, never one too many.
 */
@ApplicationScoped
public class QuotaStore {

    private static final LuaScript TAKE = LuaScript.load("qr-quota.lua");
    private static final LuaScript EXHAUST = LuaScript.load("qr-quota-exhaust.lua");
    /** A window outlives its minute a little, for a late reader; then it goes by itself. */
    private static final String TTL_SECONDS = "120";

    /** What a take gave. */
    public record Take(int granted, long usedInWindow) {
    }

    private final ReactiveRedisDataSource redis;
    private final QrKeys keys;
    /** A caller waits on the take: its timeout judges Redis, not this process's queue (see DependencyGuards). */
    private final DependencyGuard takeGuard;

    public QuotaStore(ReactiveRedisDataSource redis, QrKeys keys, DependencyGuards guards) {
        this.redis = redis;
        this.keys = keys;
        this.takeGuard = guards.redis("dev.surge.qr.redis.QuotaStore.take");
    }

    /** Takes up to {@code wanted} permits of the minute, never going past {@code cap} taken in it. */
    public Uni<Take> take(long epochMinute, int wanted, int cap) {
        return takeGuard.call(() -> TAKE.run(redis, List.of(keys.quota(epochMinute)),
                List.of(Integer.toString(wanted), Integer.toString(cap), TTL_SECONDS)))
                .map(reply -> new Take(reply.get(0).toInteger(), reply.get(1).toLong()));
    }

    /** Marks the minute as spent: nobody in the fleet asks the upstream again before the next one. */
    @Timeout
    @CircuitBreaker
    public Uni<Void> exhaust(long epochMinute, int limit) {
        return EXHAUST.run(redis, List.of(keys.quota(epochMinute)), List.of(Integer.toString(limit), TTL_SECONDS))
                .replaceWithVoid();
    }
}

package dev.surge.qr.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.list.ReactiveListCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import dev.surge.qr.AllocationLimits;
import dev.surge.qr.Binding;
import dev.surge.qr.Claim;
import dev.surge.qr.ClaimState;
import dev.surge.qr.PendingBinding;
import dev.surge.qr.PooledCode;
import dev.surge.qr.config.QrConfig;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.redis.LuaScript;

/**
 * The Redis side of the pools: the codes ready to hand out, each request's claim on a code, bindings not yet
 * confirmed by MySQL, and the cached bindings scans read. The calls of allocation and scans are guarded so their
 * breakers judge Redis, not this process ({@code DependencyGuards}); the jobs' calls carry the annotations.
 */
@ApplicationScoped
public class PoolStore {

    private static final LuaScript CLAIM = LuaScript.load("qr-claim.lua");
    private static final LuaScript RECORDED = LuaScript.load("qr-recorded.lua");
    private static final LuaScript RELEASE = LuaScript.load("qr-release.lua");

    /** A binding Redis holds that MySQL has not confirmed. */
    public record Unrecorded(String requestId, PendingBinding pending) {
    }

    private final ReactiveRedisDataSource redis;
    private final QrKeys keys;
    private final ObjectMapper json;
    private final ReactiveListCommands<String, String> lists;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final long claimTtlSeconds;
    private final long bindingTtlSeconds;

    private final DependencyGuard claimGuard;
    private final DependencyGuard bindingGuard;
    private final DependencyGuard cacheGuard;

    public PoolStore(ReactiveRedisDataSource redis, QrKeys keys, ObjectMapper json, QrConfig config,
            DependencyGuards guards) {
        this.claimGuard = guards.redis("dev.surge.qr.redis.PoolStore.claim");
        this.bindingGuard = guards.redis("dev.surge.qr.redis.PoolStore.binding");
        this.cacheGuard = guards.redis("dev.surge.qr.redis.PoolStore.cache");
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.lists = redis.list(String.class, String.class);
        this.values = redis.value(String.class, String.class);
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.sortedSets = redis.sortedSet(String.class, String.class);
        this.claimTtlSeconds = config.claimTtl().toSeconds();
        this.bindingTtlSeconds = config.bindingCacheTtl().toSeconds();
    }

    /**
     * Gives a request a code: the one it already holds, else {@code fresh} when given, else the oldest of the
     * pool. Not retried here: a caller's retry with the same idempotency key is the safe retry.
     */
    public Uni<Claim> claim(String pool, PendingBinding pending, String fingerprint, Optional<PooledCode> fresh) {
        return claim(pool, pending, fingerprint, fresh, AllocationLimits.none(pending.boundAtMillis()));
    }

    /**
     * Gives a request a code as {@link #claim(String, PendingBinding, String, Optional)} does, unless the user is
     * over one of {@code limits} ({@link ClaimState#RATE_LIMITED}, {@link ClaimState#CAPPED}: nothing taken, nothing counted,
     * and {@code fresh} goes to the pool). A replay is answered before the limits and costs none.
     */
    public Uni<Claim> claim(String pool, PendingBinding pending, String fingerprint, Optional<PooledCode> fresh,
            AllocationLimits limits) {
        QrKeys.PoolKeys p = keys.pool(pool);
        String user = pending.userId();
        List<String> scriptKeys = List.of(p.codes(), p.claim(user, pending.idempotencyKey()), p.unrecorded(),
                p.unrecordedSince(), p.userRate(limits.rate(), limits.nowMillis(), user), p.userDay(limits.day(), user));
        List<String> args = List.of(fingerprint, write(pending), Long.toString(pending.boundAtMillis()),
                Long.toString(claimTtlSeconds), fresh.map(PooledCode::member).orElse(""),
                RateLimit.maxArg(limits.rate()), RateLimit.windowArg(limits.rate()), Integer.toString(limits.perDay()),
                Long.toString(AllocationLimits.DAY_COUNTER_TTL.toSeconds()));
        return claimGuard.call(() -> CLAIM.run(redis, scriptKeys, args)).map(PoolStore::claim);
    }

    /** Marks a binding as confirmed by MySQL. Idempotent. */
    @Retry(maxRetries = 2)
    @Timeout
    @CircuitBreaker
    public Uni<Void> recorded(String pool, String requestId) {
        QrKeys.PoolKeys p = keys.pool(pool);
        return RECORDED.run(redis, List.of(p.unrecorded(), p.unrecordedSince()), List.of(requestId)).replaceWithVoid();
    }

    /**
     * Takes a request's claim on a code away, and puts the code back in the pool when {@code backToPool}.
     *
     * @return whether this call removed the claim
     */
    @Retry(maxRetries = 2)
    @Timeout
    @CircuitBreaker
    public Uni<Boolean> release(String pool, String userId, String idempotencyKey, PooledCode code, boolean backToPool) {
        QrKeys.PoolKeys p = keys.pool(pool);
        return RELEASE.run(redis, List.of(p.codes(), p.claim(userId, idempotencyKey), p.unrecorded(), p.unrecordedSince()),
                List.of(code.requestId(), backToPool ? code.member() : "")).map(reply -> reply.toLong() == 1L);
    }

    /** Adds codes at the end of a pool. */
    @Timeout
    @CircuitBreaker
    public Uni<Long> push(String pool, List<PooledCode> codes) {
        if (codes.isEmpty()) {
            return level(pool);
        }
        return lists.rpush(keys.pool(pool).codes(), codes.stream().map(PooledCode::member).toArray(String[]::new));
    }

    /** Codes ready to hand out in a pool. */
    @Timeout
    @CircuitBreaker
    public Uni<Long> level(String pool) {
        return lists.llen(keys.pool(pool).codes());
    }

    /** Bindings of a pool that MySQL has not confirmed and that were made before {@code beforeMillis}. */
    @Timeout
    @CircuitBreaker
    public Uni<List<Unrecorded>> unrecordedBefore(String pool, long beforeMillis, int limit) {
        QrKeys.PoolKeys p = keys.pool(pool);
        return sortedSets.zrangebyscore(p.unrecordedSince(), new ScoreRange<>(Double.NEGATIVE_INFINITY,
                (double) beforeMillis), new ZRangeArgs().limit(0, limit)).flatMap(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<Unrecorded>of());
                    }
                    return hashes.hmget(p.unrecorded(), ids.toArray(String[]::new)).map(found -> {
                        List<Unrecorded> out = new ArrayList<>(ids.size());
                        for (String id : ids) {
                            String pending = found.get(id);
                            // Absent: confirmed between the two reads.
                            if (pending != null) {
                                out.add(new Unrecorded(id, read(pending, PendingBinding.class)));
                            }
                        }
                        return out;
                    });
                });
    }

    /** The cached binding of a code, read on every scan. */
    public Uni<Optional<Binding>> binding(String requestId) {
        return bindingGuard.call(() -> values.get(keys.binding(requestId)))
                .map(found -> Optional.ofNullable(found).map(text -> read(text, Binding.class)));
    }

    /** Caches a code's binding for scans. Not retried: an allocation fails and its caller retries, a scan skips it. */
    public Uni<Void> cache(String requestId, Binding binding) {
        String text = write(binding);
        return cacheGuard.call(() -> values.setex(keys.binding(requestId), bindingTtlSeconds, text));
    }

    /** Drops a code's cached binding, so scans read MySQL's. */
    @Retry(maxRetries = 2)
    @Timeout
    @CircuitBreaker
    public Uni<Void> forget(String requestId) {
        return redis.key(String.class).del(keys.binding(requestId)).replaceWithVoid();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " in Redis", e);
        }
    }

    private static Claim claim(Response reply) {
        ClaimState state = ClaimState.of(reply.get(0).toString());
        if (!state.holdsCode()) {
            return new Claim(state, null, null, null, false, 0);
        }
        PooledCode code = PooledCode.parse(reply.get(1).toString());
        return new Claim(state, code.requestId(), code.imageUrl(), reply.get(2).toString(), reply.get(3).toLong() == 1L,
                reply.get(4).toLong());
    }
}

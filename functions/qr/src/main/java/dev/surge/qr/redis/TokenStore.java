package dev.surge.qr.redis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;

import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.redis.LuaScript;

/**
 * The upstream access token the whole fleet shares, in Redis. Sharing matters: the token endpoint has a daily
 * limit, and each new token retires the previous one within minutes, so instances fetching their own would
 * keep knocking each other's tokens out.
 */
@ApplicationScoped
public class TokenStore {

    private static final LuaScript DROP = LuaScript.load("qr-token-drop.lua");

    /** A token and when it stops being used (before the upstream's own expiry). */
    public record SharedToken(String value, long expiresAtMillis) {

        String wire() {
            return value + "|" + expiresAtMillis;
        }

        static SharedToken parse(String wire) {
            int bar = wire.lastIndexOf('|');
            return new SharedToken(wire.substring(0, bar), Long.parseLong(wire.substring(bar + 1)));
        }
    }

    private final ReactiveRedisDataSource redis;
    private final QrKeys keys;
    /**
     * Every code made on the spot reads the token when this instance's copy has expired, a crowd of them at once:
     * the read's timeout judges Redis, not this process's queue (see DependencyGuards).
     */
    private final DependencyGuard getGuard;

    public TokenStore(ReactiveRedisDataSource redis, QrKeys keys, DependencyGuards guards) {
        this.redis = redis;
        this.keys = keys;
        this.getGuard = guards.redis("dev.surge.qr.redis.TokenStore.get");
    }

    public Uni<Optional<SharedToken>> get() {
        return getGuard.call(() -> redis.value(String.class, String.class).get(keys.token()))
                .map(found -> Optional.ofNullable(found).map(SharedToken::parse));
    }

    @Timeout
    @CircuitBreaker
    public Uni<Void> put(SharedToken token, Duration ttl) {
        return redis.value(String.class, String.class).psetex(keys.token(), Math.max(1, ttl.toMillis()), token.wire());
    }

    /** Takes the right to fetch a new token, for {@code hold} at most; false when another instance has it. */
    @Timeout
    @CircuitBreaker
    public Uni<Boolean> lock(String owner, Duration hold) {
        return redis.execute(Command.SET, keys.tokenLock(), owner, "NX", "PX", Long.toString(hold.toMillis()))
                .map(reply -> reply != null);
    }

    @Timeout
    @CircuitBreaker
    public Uni<Void> unlock() {
        return redis.key(String.class).del(keys.tokenLock()).replaceWithVoid();
    }

    /** Forgets the shared token if it is still {@code refused}. */
    @Timeout
    @CircuitBreaker
    public Uni<Void> drop(String refused) {
        return DROP.run(redis, List.of(keys.token()), List.of(refused)).replaceWithVoid();
    }
}

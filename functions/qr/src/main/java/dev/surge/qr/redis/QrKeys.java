package dev.surge.qr.redis;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.shared.model.RateLimit;
import dev.surge.shared.redis.RedisKeys;

/**
 * Names of the QR function's Redis keys, under the shared prefix. The keys of one pool share the pool's hash
 * tag ({@code {p:share}}), so the allocation script may touch them all in cluster mode; a code's cached
 * binding has a key of its own, found by request id alone.
 */
@ApplicationScoped
public class QrKeys {

    private final String base;

    public QrKeys(RedisKeys keys) {
        this.base = keys.prefix() + ":qr";
    }

    /** Counter that hands every starting instance its own node number for request ids. */
    public String nodes() {
        return base + ":nodes";
    }

    /** Upstream codes taken in one minute of the application clock, by the whole fleet. */
    public String quota(long epochMinute) {
        return base + ":quota:" + epochMinute;
    }

    /** The upstream access token the fleet shares, with its expiry. */
    public String token() {
        return base + ":wx-token";
    }

    /** Held by the one instance fetching a new access token. */
    public String tokenLock() {
        return base + ":wx-token-lock";
    }

    /** What a bound code resolves to (JSON), read on every scan. */
    public String binding(String requestId) {
        return base + ":code:" + requestId;
    }

    public PoolKeys pool(String pool) {
        return new PoolKeys(base + ":{p:" + pool + "}");
    }

    /** Keys of one pool. */
    public record PoolKeys(String base) {

        /** Codes ready to hand out, oldest first: "requestId|imageUrl". */
        public String codes() {
            return base + ":codes";
        }

        /** The code one request (user and idempotency key) holds, with the fingerprint of its body. */
        public String claim(String userId, String idempotencyKey) {
            return base + ":claim:" + idempotencyKey + ":" + userId;
        }

        /** One user's allocations from the pool in a window of the campaign's per-user rate limit. */
        public String userRate(RateLimit limit, long nowMillis, String userId) {
            return base + ":" + RateLimit.counter("qr", limit, nowMillis, userId);
        }

        /** Codes one user was allocated from the pool on one calendar day (in the pool's zone). */
        public String userDay(LocalDate day, String userId) {
            return base + ":day:" + day + ":" + userId;
        }

        /** Bindings made in Redis that MySQL has not confirmed yet, by request id. */
        public String unrecorded() {
            return base + ":unrecorded";
        }

        /** The same request ids, scored by when they were bound, for the settler. */
        public String unrecordedSince() {
            return base + ":unrecorded-at";
        }
    }
}

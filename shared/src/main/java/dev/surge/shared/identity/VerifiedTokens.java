package dev.surge.shared.identity;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Tokens this environment has already verified, with what each says (the identity of an access token, the signed
 * attributes of an attribute token). An app reuses its token for every click of a flood, so verifying the signature
 * once per token instead of once per request takes the RSA check off the hot path. An entry lives no longer than the
 * token's own expiry nor than a configured time, so a revoked signing key stops being honoured soon. The memory is
 * bounded by count and keeps the tokens seen most often when a crowd is larger than it (Caffeine's size eviction).
 * Upkeep runs on the calling thread: a Lambda environment runs nothing between invocations.
 */
final class VerifiedTokens<T> {

    /** What a freshly verified token says and how long the token stays valid. */
    record Verified<T>(T value, long validForMillis) {
    }

    private final Cache<String, Verified<T>> entries;
    private final int capacity;

    VerifiedTokens(int capacity, long maxAgeMillis) {
        this.capacity = capacity;
        long maxAgeNanos = maxAgeMillis * 1_000_000L;
        this.entries = Caffeine.newBuilder()
                .maximumSize(Math.max(0, capacity))
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Verified<T>>() {

                    @Override
                    public long expireAfterCreate(String token, Verified<T> verified, long now) {
                        return Math.min(maxAgeNanos, Math.max(0, verified.validForMillis()) * 1_000_000L);
                    }

                    @Override
                    public long expireAfterUpdate(String token, Verified<T> verified, long now, long left) {
                        return expireAfterCreate(token, verified, now);
                    }

                    @Override
                    public long expireAfterRead(String token, Verified<T> verified, long now, long left) {
                        return left;
                    }
                })
                .build();
    }

    /** What {@code token} says, from memory when it was verified recently, otherwise from {@code verify}. */
    T value(String token, Function<String, Verified<T>> verify) {
        if (capacity <= 0) {
            return verify.apply(token).value();
        }
        Verified<T> known = entries.getIfPresent(token);
        if (known != null) {
            return known.value();
        }
        Verified<T> verified = verify.apply(token);
        if (verified.validForMillis() > 0) {
            entries.put(token, verified);
        }
        return verified.value();
    }

    /** How many tokens are remembered now (after pending upkeep). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}

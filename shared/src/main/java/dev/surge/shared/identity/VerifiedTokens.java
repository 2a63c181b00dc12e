package dev.surge.shared.identity;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tokens this environment has already verified, with what each says (the caller of an access token, the signed
 * attributes of an attribute token). An app reuses its token for every click of a flood, so verifying the
 * signature once per token instead of once per request takes the RSA check off the hot path. An entry lives no longer than the token's own expiry nor than a configured time, so a
 * revoked signing key stops being honoured soon. The map is bounded: when full, an eighth of it (in no particular
 * order) makes room, so a crowd larger than the map still finds most of its tokens.
 */
final class VerifiedTokens<T> {

    /** What a verified token says and the monotonic time after which it must be verified again. */
    private record Entry<T>(T value, long staleAtNanos) {
    }

    /** What a freshly verified token says and how long the token stays valid. */
    record Verified<T>(T value, long validForMillis) {
    }

    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final long maxAgeNanos;

    VerifiedTokens(int capacity, long maxAgeMillis) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
    }

    /** What {@code token} says, from memory when it was verified recently, otherwise from {@code verify}. */
    T value(String token, Function<String, Verified<T>> verify) {
        if (capacity <= 0) {
            return verify.apply(token).value();
        }
        long now = System.nanoTime();
        Entry<T> known = entries.get(token);
        if (known != null && now - known.staleAtNanos() < 0) {
            return known.value();
        }
        Verified<T> verified = verify.apply(token);
        long lifetime = Math.min(maxAgeNanos, Math.max(0, verified.validForMillis()) * 1_000_000L);
        if (lifetime > 0) {
            if (entries.size() >= capacity) {
                makeRoom();
            }
            entries.put(token, new Entry<>(verified.value(), now + lifetime));
        }
        return verified.value();
    }

    private void makeRoom() {
        int drop = Math.max(1, capacity / 8);
        var keys = entries.keySet().iterator();
        while (drop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}

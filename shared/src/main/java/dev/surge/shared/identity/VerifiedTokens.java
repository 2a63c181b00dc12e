package dev.surge.shared.identity;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tokens this environment has already verified, with the caller each names. An app reuses its access token for
 * every click of a flood, so verifying the signature once per token instead of once per request takes the RSA
 * check off the hot path. An entry lives no longer than the token's own expiry nor than a configured time, so a
 * revoked signing key stops being honoured soon. The map is bounded: when full, an eighth of it (in no particular
 * order) makes room, so a crowd larger than the map still finds most of its tokens.
 */
final class VerifiedTokens {

    /** A verified caller and the monotonic time after which it must be verified again. */
    private record Entry(Caller caller, long staleAtNanos) {
    }

    /** A freshly verified caller and how long its token stays valid. */
    record Verified(Caller caller, long validForMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final long maxAgeNanos;

    VerifiedTokens(int capacity, long maxAgeMillis) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
    }

    /** The caller of {@code token}, from memory when it was verified recently, otherwise from {@code verify}. */
    Caller caller(String token, Function<String, Verified> verify) {
        if (capacity <= 0) {
            return verify.apply(token).caller();
        }
        long now = System.nanoTime();
        Entry known = entries.get(token);
        if (known != null && now - known.staleAtNanos() < 0) {
            return known.caller();
        }
        Verified verified = verify.apply(token);
        long lifetime = Math.min(maxAgeNanos, Math.max(0, verified.validForMillis()) * 1_000_000L);
        if (lifetime > 0) {
            if (entries.size() >= capacity) {
                makeRoom();
            }
            entries.put(token, new Entry(verified.caller(), now + lifetime));
        }
        return verified.caller();
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

package dev.surge.shared.model;

import java.time.Duration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * At most {@code max} attempts by one user in each window of {@code windowSeconds}, fleet-wide. Windows are fixed:
 * they start at multiples of the window length since the epoch (UTC), so every instance agrees on which window a
 * moment falls in, and the counter of a window lives in Redis under the window's number.
 *
 * @param max attempts one user may make in a window (at least 1)
 * @param windowSeconds length of a window in seconds (1 to {@link #MAX_WINDOW_SECONDS})
 */
@RegisterForReflection
public record RateLimit(int max, int windowSeconds) {

    /** The longest window: a day. Longer caps are the participation limit's job. */
    public static final int MAX_WINDOW_SECONDS = 86_400;
    /** The most attempts a window may allow. */
    public static final int MAX_ATTEMPTS = 1_000_000;

    public RateLimit {
        if (max < 1 || max > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("a rate limit allows 1 to " + MAX_ATTEMPTS + " attempts, not " + max);
        }
        if (windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
            throw new IllegalArgumentException(
                    "a rate limit's window is 1 to " + MAX_WINDOW_SECONDS + " seconds, not " + windowSeconds);
        }
    }

    /** The number of the window {@code epochMillis} falls in. */
    public long window(long epochMillis) {
        return Math.floorDiv(epochMillis, windowMillis());
    }

    /** How long from {@code epochMillis} until its window ends and the user may try again, in whole seconds (≥ 1). */
    public Duration retryAfter(long epochMillis) {
        long left = (window(epochMillis) + 1) * windowMillis() - epochMillis;
        return Duration.ofSeconds(Math.max(1, (left + 999) / 1000));
    }

    /**
     * The name (below some hash-tagged base) of one user's counter of {@code action} in the window {@code epochMillis}
     * falls in; the window's length is part of it, so a changed limit counts afresh. Without a limit, a name no
     * script touches.
     */
    public static String counter(String action, RateLimit limit, long epochMillis, String userId) {
        if (limit == null) {
            return "rl:" + action + ":none";
        }
        return "rl:" + action + ":" + limit.windowSeconds() + "s:" + limit.window(epochMillis) + ":" + userId;
    }

    /** The most attempts as a script argument: 0 for no limit. */
    public static String maxArg(RateLimit limit) {
        return limit == null ? "0" : Integer.toString(limit.max());
    }

    /** The window's length in seconds as a script argument (the counter's time to live): 0 for no limit. */
    public static String windowArg(RateLimit limit) {
        return limit == null ? "0" : Integer.toString(limit.windowSeconds());
    }

    /** Human words for the limit, e.g. "5 every 60 s". */
    public String describe() {
        return max + " every " + windowSeconds + " s";
    }

    private long windowMillis() {
        return windowSeconds * 1000L;
    }
}

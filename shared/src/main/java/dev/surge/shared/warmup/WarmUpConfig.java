package dev.surge.shared.warmup;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much of the hot path start-up rehearses before the function reports ready. */
@ConfigMapping(prefix = "surge.warm-up")
public interface WarmUpConfig {

    /**
     * Rounds of each rehearsal. A native image needs only a few (connections, scripts, first-call paths); a JVM
     * needs a few thousand for the JIT to compile the hot path, which the local and test profiles ask for.
     */
    @WithDefault("32")
    int rounds();

    /** Rounds in flight at once, so the Redis pool opens every connection it may use. */
    @WithDefault("16")
    int concurrency();

    /** The most start-up may spend rehearsing; past it the function starts as it is and says so. */
    @WithDefault("4s")
    Duration budget();
}

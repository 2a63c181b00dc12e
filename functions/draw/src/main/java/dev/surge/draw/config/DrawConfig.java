package dev.surge.draw.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and timings of the draw function. */
@ConfigMapping(prefix = "surge.draw")
public interface DrawConfig {

    /** How long an instance remembers a prize is sold out and stops asking Redis for it. */
    @WithDefault("2s")
    Duration soldOutMemory();

    /** How long a draw's outcome is kept for replays of its idempotency key. */
    @WithDefault("24h")
    Duration recordTtl();

    /** How long participation counters outlive the campaign's end. */
    @WithDefault("7d")
    Duration participationTtlAfterEnd();

    /** Draws the whole fleet admits to the stock per campaign and second (0 = no limit). */
    @WithDefault("5000")
    int admissionsPerSecond();

    /** Budget of the Redis draw script, in milliseconds (fault tolerance reads it from here). */
    @WithDefault("150")
    long redisTimeoutMs();

    /** Budget of a winner's MySQL transaction, in milliseconds, before the answer becomes "pending". */
    @WithDefault("500")
    long mysqlTimeout();

    /** Age after which a draw still pending is settled by the sweeper against the ledger. */
    @WithDefault("30s")
    Duration settleAfter();

    /** How often the sweeper runs where a scheduler runs (locally; EventBridge in AWS). */
    @WithDefault("10s")
    Duration settleEvery();

    /** Pending draws one sweep settles per campaign. */
    @WithDefault("200")
    int settleBatch();

    /** Draws one instance runs at once. */
    @WithDefault("64")
    int bulkhead();

    /** Draws waiting for a slot before the bulkhead turns callers away. */
    @WithDefault("256")
    int bulkheadQueue();

    /** What a "try later" answer tells callers to wait. */
    @WithDefault("2s")
    Duration retryAfter();

    /** How long start-up may spend opening the first MySQL connection before leaving it to the first winner. */
    @WithDefault("3s")
    Duration ledgerWarmUpTimeout();
}

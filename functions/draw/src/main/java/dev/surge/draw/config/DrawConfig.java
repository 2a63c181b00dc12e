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

    /**
     * How long a stock bucket that found every other bucket of a prize empty answers its draws "sold out" without
     * asking them again: short, because an operator may add stock or a lent unit may be on its way meanwhile.
     */
    @WithDefault("1s")
    Duration stockDrainedRecheck();

    /**
     * How long units one stock bucket lent to another count as on their way: a bucket that finds the others empty
     * while one of them lent this recently does not call itself drained. Longer than a lend and the borrower's
     * next script call take.
     */
    @WithDefault("200ms")
    Duration stockLendTransit();

    /** How long a draw's outcome is kept for replays of its idempotency key. */
    @WithDefault("24h")
    Duration recordTtl();

    /** How long participation counters outlive the campaign's end. */
    @WithDefault("7d")
    Duration participationTtlAfterEnd();

    /** Draws the whole fleet admits to the stock per campaign and second (0 = no limit). */
    @WithDefault("5000")
    int admissionsPerSecond();

    /** Age after which a draw still pending is settled by the sweeper against the ledger. */
    @WithDefault("30s")
    Duration settleAfter();

    /** How often the sweeper runs where a scheduler runs (locally; EventBridge in AWS). */
    @WithDefault("10s")
    Duration settleEvery();

    /** Pending draws one sweep settles per campaign. */
    @WithDefault("200")
    int settleBatch();

    /** What a "try later" answer tells callers to wait. */
    @WithDefault("2s")
    Duration retryAfter();

    /** How long start-up may spend opening the first MySQL connection before leaving it to the first winner. */
    @WithDefault("3s")
    Duration ledgerWarmUpTimeout();

    /** The key of the interception and pick hashes; in AWS it comes from a secret, never from the code. */
    String decisionSecret();

    /**
     * The interception's time slot: one user is intercepted or let through for a whole slot, so this bounds how
     * often a retry can be let through (once a slot at most).
     */
    @WithDefault("60s")
    Duration interceptionSlot();

    /** How long into a slot a user let through in the previous slot is still let through (a retry's window). */
    @WithDefault("10s")
    Duration interceptionGrace();

    /**
     * The most users one sold-out prize may name as having drawn it (won, or refused by their limit) for this
     * instance to answer its sold-out draws locally; above it, those draws ask Redis, which replays them right.
     */
    @WithDefault("10000")
    int soldOutMemoryMaxClaimants();

    /**
     * How long a repeated request waits for the first request with its key to settle a pending win, before it
     * asks the ledger: the grant's MySQL budget and a little more, so the two are told the same.
     */
    @WithDefault("600ms")
    Duration repeatPatience();

    /** How often such a repeat looks at the draw's record meanwhile. */
    @WithDefault("20ms")
    Duration repeatPollEvery();
}

package dev.surge.redpacket.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and timings of red packets and the rain. */
@ConfigMapping(prefix = "surge.redpacket")
public interface RedPacketConfig {

    /** Most shares one packet may be split into. */
    @WithDefault("200")
    int maxCount();

    /** Largest amount one packet may hold, in cents. */
    @WithDefault("2000000")
    long maxAmountCents();

    /** How long a packet stays open when the sender does not say. */
    @WithDefault("24h")
    Duration defaultExpiry();

    /** Shortest lifetime a sender may ask for. */
    @WithDefault("60s")
    Duration minExpiry();

    /** Longest lifetime a sender may ask for. */
    @WithDefault("72h")
    Duration maxExpiry();

    /** How long a packet's Redis keys outlive its expiry, so repeats and details still answer once it closed. */
    @WithDefault("72h")
    Duration keepAfterExpiry();

    /** Age after which an unrecorded grab or rain win is replayed into MySQL by the settle job. */
    @WithDefault("10s")
    Duration settleAfter();

    /** How often the settle job runs where a scheduler runs (locally; EventBridge in AWS). */
    @WithDefault("10s")
    Duration settleEvery();

    /** Packets with unrecorded grabs one settle run looks at. */
    @WithDefault("200")
    int settleBatch();

    /** How often the refund job runs where a scheduler runs (locally; EventBridge in AWS). */
    @WithDefault("60s")
    Duration refundEvery();

    /** Expired packets one refund run closes and refunds. */
    @WithDefault("100")
    int refundBatch();

    /** What a "try later" answer tells callers to wait. */
    @WithDefault("2s")
    Duration retryAfter();

    /** How long start-up may spend opening the MySQL pool before leaving the rest to the first grabs. */
    @WithDefault("3s")
    Duration ledgerWarmUpTimeout();

    /** The gala rain. */
    Rain rain();

    /** Limits and timings of the rain. */
    interface Rain {

        /** Most packets one rain may hold. */
        @WithDefault("1000000")
        int maxPackets();

        /** Most buckets a rain may spread its packets and shakers over. */
        @WithDefault("1024")
        int maxBuckets();

        /** Fastest release rate, in packets per second over the whole rain. */
        @WithDefault("100000")
        int maxRatePerSecond();

        /** Highest per-user limit of packets an operator may set. */
        @WithDefault("1000")
        int maxPerUser();

        /** How far ahead of now a rain may be scheduled to start. */
        @WithDefault("30d")
        Duration maxLeadTime();

        /** How long an instance believes "no rain in this campaign" before asking Redis again. */
        @WithDefault("1s")
        Duration unknownMemory();

        /**
         * How old an instance's copy of a rain's plan may grow before it is read again: a pause, resume or new rate
         * reaches the instance's own answers within this (plus one read); the buckets obey it at once.
         */
        @WithDefault("1s")
        Duration revalidateAfter();

        /** How long a rain's Redis keys outlive the moment its last packet is released. */
        @WithDefault("72h")
        Duration keepAfterRelease();

        /** How far back (by start time) the settle job looks for rains whose wins may be unrecorded. */
        @WithDefault("72h")
        Duration settleWindow();
    }
}

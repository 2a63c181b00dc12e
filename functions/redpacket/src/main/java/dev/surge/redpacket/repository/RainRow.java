package dev.surge.redpacket.repository;

import java.time.Instant;

/** A campaign's rain as MySQL holds it; the seed rebuilds every packet amount. */
public record RainRow(long campaignId, int totalPackets, long minCents, long maxCents, long totalCents,
        int ratePerSecond, int buckets, int perUserMax, long seed, Instant startsAt, Instant createdAt) {

    /** Whether a repeated start asks for the same rain as this one. */
    public boolean sameAs(RainRow other) {
        return totalPackets == other.totalPackets && minCents == other.minCents && maxCents == other.maxCents
                && ratePerSecond == other.ratePerSecond && buckets == other.buckets && perUserMax == other.perUserMax;
    }
}

package dev.surge.redpacket;

import java.time.Instant;

/**
 * A started rain.
 *
 * @param totalCents what all its packets hold together
 * @param releasedBy when the last packet is released, if shakers keep coming
 * @param repeat whether an earlier start made this rain
 */
public record RainStarted(long campaignId, int totalPackets, long totalCents, long minCents, long maxCents,
        int ratePerSecond, int buckets, int perUserMax, Instant startsAt, Instant releasedBy, boolean repeat) {
}

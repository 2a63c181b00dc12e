package dev.surge.redpacket;

import java.time.Instant;
import java.util.List;

/**
 * Where a rain stands, for operators.
 *
 * @param ratePerSecond the current release rate over all buckets
 * @param released packets released so far (each bucket at most what it holds)
 * @param won packets handed out to shakers (never more than released)
 * @param remaining packets not handed out, still in their buckets ({@code totalPackets - won})
 * @param remainingCents what those hold ({@code totalCents - wonCents})
 * @param releasedBy when the last packet is released if the rain keeps running as it is; null when it does not run
 * @param version how many times operators changed the schedule
 * @param at the moment these figures are for
 */
public record RainFigures(long campaignId, RainState state, int ratePerSecond, int totalPackets, long totalCents,
        long released, long won, long wonCents, long remaining, long remainingCents, Instant startsAt,
        Instant releasedBy, long version, Instant at, List<Bucket> buckets) {

    /** One bucket's figures; its state, rate and version are its own copy of the schedule, which its shakes obey. */
    public record Bucket(int bucket, int size, long released, long won, long wonCents, RainState state,
            int ratePerSecond, long version) {
    }
}

package dev.surge.redpacket.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a rain stands, for operators.
 *
 * @param state running, paused or stopped
 * @param ratePerSecond the current release rate over all buckets
 * @param released packets released so far (each bucket at most what it holds)
 * @param won packets handed out to shakers (never more than released)
 * @param remaining packets not handed out, still in their buckets ({@code totalPackets - won})
 * @param remainingCents what those hold ({@code totalCents - wonCents})
 * @param releasedBy when the last packet is released if the rain keeps running as it is; absent when it does not run
 * @param version how many times operators changed the schedule
 * @param at the moment these figures are for
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RainStatus(long campaignId, String state, int ratePerSecond, int totalPackets, long totalCents,
        long released, long won, long wonCents, long remaining, long remainingCents, Instant startsAt,
        Instant releasedBy, long version, Instant at, List<BucketFigures> buckets) {

    /**
     * One bucket's figures; its state, rate and version are its own copy of the schedule, which its shakes obey.
     */
    @RegisterForReflection
    public record BucketFigures(int bucket, int size, long released, long won, long wonCents, String state,
            int ratePerSecond, long version) {
    }
}

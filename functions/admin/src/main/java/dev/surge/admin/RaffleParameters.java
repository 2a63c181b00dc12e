package dev.surge.admin;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A campaign's raffle settings as an operator sets them. The audit log keeps them as this record's JSON.
 *
 * @param interceptRatio share of draws answered "not this time" before any stock is touched (0 to 1)
 * @param noPrizeWeight weight of the no-prize outcome against the prizes' weights
 * @param stockBuckets how many Redis buckets the raffle's stock and draw state are spread over; null keeps what the
 *        raffle has (1 for a new one)
 */
@RegisterForReflection
public record RaffleParameters(BigDecimal interceptRatio, Long noPrizeWeight, Integer stockBuckets) {

    /** These settings with the stock buckets filled in: {@code current} when they were left out. */
    public RaffleParameters withStockBuckets(int current) {
        return stockBuckets != null ? this : new RaffleParameters(interceptRatio, noPrizeWeight, current);
    }
}

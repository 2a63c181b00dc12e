package dev.surge.shared.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The raffle of a campaign, published with it.
 *
 * @param interceptRatio share of draws answered "not this time" at once, before touching any stock (0 to 1)
 * @param noPrizeWeight weight of the no-prize outcome in the weighted pick
 * @param prizes the prize table
 * @param stockBuckets how many Redis buckets (hash tags) the raffle's stock and draw state are spread over; fixed
 *        once the raffle is published (1 when absent)
 */
@RegisterForReflection
public record DrawSettings(double interceptRatio, long noPrizeWeight, List<Prize> prizes, int stockBuckets) {

    public DrawSettings {
        prizes = prizes == null ? List.of() : List.copyOf(prizes);
        stockBuckets = stockBuckets < 1 ? 1 : stockBuckets;
    }

    public DrawSettings(double interceptRatio, long noPrizeWeight, List<Prize> prizes) {
        this(interceptRatio, noPrizeWeight, prizes, 1);
    }

    public long totalWeight() {
        return noPrizeWeight + prizes.stream().mapToLong(Prize::weight).sum();
    }
}

package dev.surge.shared.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The raffle of a campaign, published with it.
 *
 * @param interceptRatio share of draws answered "not this time" at once, before touching any stock (0 to 1)
 * @param noPrizeWeight weight of the no-prize outcome in the weighted pick
 * @param prizes the prize table
 */
@RegisterForReflection
public record DrawSettings(double interceptRatio, long noPrizeWeight, List<Prize> prizes) {

    public DrawSettings {
        prizes = prizes == null ? List.of() : List.copyOf(prizes);
    }

    public long totalWeight() {
        return noPrizeWeight + prizes.stream().mapToLong(Prize::weight).sum();
    }
}

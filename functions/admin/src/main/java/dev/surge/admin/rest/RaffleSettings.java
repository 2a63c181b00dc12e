package dev.surge.admin.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.RaffleParameters;
import dev.surge.shared.redis.RedisKeys;

/**
 * A campaign's raffle settings.
 *
 * @param interceptRatio share of draws answered "not this time" before any stock is touched (0 to 1); lower
 *        it live to let more draws through
 * @param noPrizeWeight weight of the no-prize outcome against the prizes' weights
 * @param stockBuckets how many Redis buckets the raffle's stock and draw state are spread over (1 to
 *        {@value RedisKeys#MAX_DRAW_BUCKETS}), so one hot raffle is not held to one shard; absent keeps what the
 *        raffle has (1 for a new one). Fixed once the raffle has been published.
 */
@RegisterForReflection
public record RaffleSettings(
        @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6) BigDecimal interceptRatio,
        @NotNull @PositiveOrZero Long noPrizeWeight,
        @Min(1) @Max(RedisKeys.MAX_DRAW_BUCKETS) Integer stockBuckets) {

    public RaffleParameters parameters() {
        return new RaffleParameters(interceptRatio, noPrizeWeight, stockBuckets);
    }
}

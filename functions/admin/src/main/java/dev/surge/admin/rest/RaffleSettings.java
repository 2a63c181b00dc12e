package dev.surge.admin.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A campaign's raffle settings.
 *
 * @param interceptRatio share of draws answered "not this time" before any stock is touched (0 to 1); lower
 *        it live to let more draws through
 * @param noPrizeWeight weight of the no-prize outcome against the prizes' weights
 */
@RegisterForReflection
public record RaffleSettings(
        @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6) BigDecimal interceptRatio,
        @NotNull @PositiveOrZero Long noPrizeWeight) {
}

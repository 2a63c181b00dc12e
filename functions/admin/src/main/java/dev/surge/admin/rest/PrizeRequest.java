package dev.surge.admin.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.PrizeFields;

/**
 * A prize to add (with its initial stock) or to describe anew (name and weight; stock is left out and moves
 * only through stock changes).
 */
@RegisterForReflection
public record PrizeRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull @Positive @Max(1_000_000_000L) Long weight,
        @PositiveOrZero @Max(100_000_000L) Long stock) {

    public PrizeFields fields() {
        return new PrizeFields(name, weight, stock);
    }
}

package dev.surge.admin.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Units to add (positive) or take away (negative) from a prize's stock while the campaign runs. */
@RegisterForReflection
public record StockChange(@NotNull @Min(-100_000_000L) @Max(100_000_000L) Long delta) {
}

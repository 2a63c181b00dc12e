package dev.surge.redpacket.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A new release rate for a rain, in packets per second over all its buckets (at most the configured maximum). */
@RegisterForReflection
public record RainRate(@NotNull @Positive Integer ratePerSecond) {
}

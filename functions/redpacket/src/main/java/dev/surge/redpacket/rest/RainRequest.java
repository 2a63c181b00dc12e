package dev.surge.redpacket.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A rain to start. Each packet holds either {@code amountCents}, or a uniform amount in
 * [{@code minCents}, {@code maxCents}]; give one or the other. Limits from configuration are checked by the
 * service.
 *
 * @param ratePerSecond packets released per second over the whole rain
 * @param startsAt when release begins; now when absent
 * @param buckets how many buckets packets and shakers are spread over
 * @param perUserMax most packets one user may win in this rain
 */
@RegisterForReflection
public record RainRequest(
        @NotNull @Positive Integer totalPackets,
        @Positive Long amountCents,
        @Positive Long minCents,
        @Positive Long maxCents,
        @NotNull @Positive Integer ratePerSecond,
        Instant startsAt,
        @NotNull @Positive Integer buckets,
        @NotNull @Positive Integer perUserMax) {
}

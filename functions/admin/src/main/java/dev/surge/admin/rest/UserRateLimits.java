package dev.surge.admin.rest;

import jakarta.validation.Valid;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.RateLimits;

/**
 * A campaign's per-user rate limits, as an operator writes them; an absent one is no limit.
 *
 * @param draw draws per user that reach the draw script (a repeated Idempotency-Key is not counted)
 * @param shake shakes per user that reach the rain's shake script (shakes answered by the function alone are not)
 * @param qr QR code allocations per user from the pools bound to the campaign (a repeated key is not counted)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserRateLimits(@Valid UserRateLimit draw, @Valid UserRateLimit shake, @Valid UserRateLimit qr) {

    public RateLimits limits() {
        return new RateLimits(draw == null ? null : draw.limit(), shake == null ? null : shake.limit(),
                qr == null ? null : qr.limit());
    }

    /** The limits as shown, null when the campaign has none. */
    public static UserRateLimits of(RateLimits limits) {
        return limits.any()
                ? new UserRateLimits(UserRateLimit.of(limits.draw()), UserRateLimit.of(limits.shake()),
                        UserRateLimit.of(limits.qr()))
                : null;
    }
}

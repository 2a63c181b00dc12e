package dev.surge.admin.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.RateLimit;

/**
 * One per-user rate limit as an operator writes it: at most {@code max} attempts by one user in each window of
 * {@code windowSeconds}, for the whole fleet. Windows are fixed, aligned on the epoch.
 *
 * @param max attempts one user may make in a window (1 to 1,000,000)
 * @param windowSeconds the window's length in seconds (1 to 86,400, a day)
 */
@RegisterForReflection
public record UserRateLimit(
        @NotNull @Min(value = 1, message = "must be at least 1") @Max(RateLimit.MAX_ATTEMPTS) Integer max,
        @NotNull @Min(value = 1, message = "must be at least 1 second") @Max(value = RateLimit.MAX_WINDOW_SECONDS, message = "must be at most 86400 seconds (a day)") Integer windowSeconds) {

    /** The model's limit; only called once validation passed. */
    public RateLimit limit() {
        return new RateLimit(max, windowSeconds);
    }

    public static UserRateLimit of(RateLimit limit) {
        return limit == null ? null : new UserRateLimit(limit.max(), limit.windowSeconds());
    }
}

package dev.surge.admin.rest;

import jakarta.validation.constraints.Min;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.ParticipationLimit;

/**
 * How often one user may take part; an absent bound is unbounded.
 *
 * @param total times over the whole campaign
 * @param perDay times per calendar day in the campaign's zone
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limit(@Min(value = 1, message = "must be at least 1") Integer total,
        @Min(value = 1, message = "must be at least 1") Integer perDay) {

    public ParticipationLimit participation() {
        return new ParticipationLimit(total, perDay);
    }

    /** The limit as shown, null when the campaign has none. */
    public static Limit of(ParticipationLimit limit) {
        return limit.bounded() ? new Limit(limit.total(), limit.perDay()) : null;
    }
}

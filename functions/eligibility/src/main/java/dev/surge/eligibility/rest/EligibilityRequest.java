package dev.surge.eligibility.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.RequestAttributes;

/**
 * What a caller asks. Who the caller is comes from the token, never from here: a body naming a user is
 * rejected as an unknown field.
 *
 * @param campaignIds campaigns to consider; all published campaigns when absent
 */
@RegisterForReflection
public record EligibilityRequest(
        @Size(max = 20, message = "at most 20 campaign ids") List<@NotNull @Positive Long> campaignIds,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "letters, digits, '_', '.', '-' only") String channel,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "letters, digits, '_', '.', '-' only") String region,
        @PositiveOrZero Long orderAmountCents) {

    public static final EligibilityRequest EMPTY = new EligibilityRequest(null, null, null, null);

    public List<Long> campaignIdsOrEmpty() {
        return campaignIds == null ? List.of() : campaignIds;
    }

    public RequestAttributes attributes() {
        return new RequestAttributes(channel, region, orderAmountCents);
    }
}

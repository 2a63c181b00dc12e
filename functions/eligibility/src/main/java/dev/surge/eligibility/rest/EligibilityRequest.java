package dev.surge.eligibility.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.eligibility.EligibilityQuery;
import dev.surge.shared.model.AttributeToken;
import dev.surge.shared.model.RequestAttributes;

/**
 * What a caller asks. Who the caller is comes from the token, never from here: a body naming a user is
 * rejected as an unknown field.
 *
 * @param campaignIds campaigns to consider; all published campaigns when absent
 * @param orderAmountCents accepted as the client's hint; a min-order-amount rule counts only the signed amount
 * @param attributeToken the request's attribute token (a header, never the body)
 */
@RegisterForReflection
public record EligibilityRequest(
        @Size(max = 20, message = "at most 20 campaign ids") List<@NotNull @Positive Long> campaignIds,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "letters, digits, '_', '.', '-' only") String channel,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "letters, digits, '_', '.', '-' only") String region,
        @PositiveOrZero Long orderAmountCents, AttributeToken attributeToken) {

    public static final EligibilityRequest EMPTY = new EligibilityRequest(null, null, null, null);

    /** The body; only these fields may appear in it. */
    @JsonCreator
    public EligibilityRequest(@JsonProperty("campaignIds") List<Long> campaignIds,
            @JsonProperty("channel") String channel, @JsonProperty("region") String region,
            @JsonProperty("orderAmountCents") Long orderAmountCents) {
        this(campaignIds, channel, region, orderAmountCents, AttributeToken.NONE);
    }

    public EligibilityRequest withAttributeToken(AttributeToken token) {
        return new EligibilityRequest(campaignIds, channel, region, orderAmountCents, token);
    }

    public List<Long> campaignIdsOrEmpty() {
        return campaignIds == null ? List.of() : campaignIds;
    }

    /** What the request asks, for the service. */
    public EligibilityQuery query() {
        return new EligibilityQuery(campaignIdsOrEmpty(), attributes());
    }

    public RequestAttributes attributes() {
        return RequestAttributes.fromBody(channel, region, orderAmountCents,
                attributeToken == null ? AttributeToken.NONE : attributeToken);
    }
}

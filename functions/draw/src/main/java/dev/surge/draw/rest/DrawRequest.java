package dev.surge.draw.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.AttributeToken;
import dev.surge.shared.model.RequestAttributes;

/**
 * What the request says about itself, for the campaign's rules. The body may be empty.
 *
 * @param orderAmountCents accepted as the client's hint; a min-order-amount rule counts only the signed amount
 * @param attributeToken the request's attribute token (a header, never the body)
 */
@RegisterForReflection
public record DrawRequest(
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "letters, digits, '_', '.', '-' only") String channel,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "letters, digits, '_', '.', '-' only") String region,
        @PositiveOrZero Long orderAmountCents, AttributeToken attributeToken) {

    public static final DrawRequest EMPTY = new DrawRequest(null, null, null);

    /** The body; only these fields may appear in it. */
    @JsonCreator
    public DrawRequest(@JsonProperty("channel") String channel, @JsonProperty("region") String region,
            @JsonProperty("orderAmountCents") Long orderAmountCents) {
        this(channel, region, orderAmountCents, AttributeToken.NONE);
    }

    public DrawRequest withAttributeToken(AttributeToken token) {
        return new DrawRequest(channel, region, orderAmountCents, token);
    }

    public RequestAttributes attributes() {
        return RequestAttributes.fromBody(channel, region, orderAmountCents,
                attributeToken == null ? AttributeToken.NONE : attributeToken);
    }
}

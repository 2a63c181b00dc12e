package dev.surge.draw.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.RequestAttributes;

/** What the request says about itself, for the campaign's rules. The body may be empty. */
@RegisterForReflection
public record DrawRequest(
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "letters, digits, '_', '.', '-' only") String channel,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "letters, digits, '_', '.', '-' only") String region,
        @PositiveOrZero Long orderAmountCents) {

    public static final DrawRequest EMPTY = new DrawRequest(null, null, null);

    public RequestAttributes attributes() {
        return new RequestAttributes(channel, region, orderAmountCents);
    }
}

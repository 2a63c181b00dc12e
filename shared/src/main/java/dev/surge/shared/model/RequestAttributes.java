package dev.surge.shared.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the caller says about the request itself (never about who they are).
 *
 * @param channel where the request came from, e.g. "app", "mini-program"
 * @param region region code of the request
 * @param orderAmountCents amount of the order that triggered the request, in cents
 */
@RegisterForReflection
public record RequestAttributes(String channel, String region, Long orderAmountCents) {

    public static final RequestAttributes NONE = new RequestAttributes(null, null, null);
}

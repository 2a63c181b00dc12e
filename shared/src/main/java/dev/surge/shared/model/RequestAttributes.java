package dev.surge.shared.model;

/**
 * What a request says about itself (never about who asks), each attribute with where it came from. The body's
 * attributes are the client's word; the order amount a rule may give value on comes only from the attribute token
 * the order system signed.
 *
 * @param channel where the request came from, e.g. "app", "mini-program"; null when not given
 * @param region region code of the request; null when not given
 * @param orderAmountHint the body's {@code orderAmountCents}: accepted, but no rule gives value on it
 * @param token the request's attribute token, verified when a rule first reads it
 */
public record RequestAttributes(Attribute<String> channel, Attribute<String> region, Attribute<Long> orderAmountHint,
        AttributeToken token) {

    public static final RequestAttributes NONE = fromBody(null, null, null, AttributeToken.NONE);

    public static RequestAttributes fromBody(String channel, String region, Long orderAmountCents,
            AttributeToken token) {
        return new RequestAttributes(Attribute.fromBody(channel), Attribute.fromBody(region),
                Attribute.fromBody(orderAmountCents), token);
    }

    /**
     * The order amount in cents: the signed one when the request carries an attribute token (verifying it now, if
     * no rule did yet), otherwise the body's hint; null when the request says neither.
     */
    public Attribute<Long> orderAmountCents() {
        return token.attributes()
                .map(signed -> Attribute.signed(signed.orderAmountCents()))
                .orElse(orderAmountHint);
    }
}

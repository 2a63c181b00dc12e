package dev.surge.shared.model;

import java.util.Optional;

/**
 * What the order system signed about the caller's order: the claims of a verified attribute token.
 *
 * @param orderAmountCents the order amount in cents
 * @param orderId the order, when the token names it
 */
public record SignedAttributes(long orderAmountCents, Optional<String> orderId) {
}

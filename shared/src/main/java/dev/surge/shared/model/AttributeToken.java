package dev.surge.shared.model;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The attribute token a request carries, verified the first time a rule reads a signed attribute and at most once
 * per request: a request whose campaigns read none never pays for the signature check. A token that does not
 * verify fails the request (the verifier throws a 4xx problem) rather than passing as "no signed attributes".
 */
public final class AttributeToken {

    /** The request carries no attribute token. */
    public static final AttributeToken NONE = new AttributeToken(null);

    private final Supplier<SignedAttributes> verify;
    private volatile SignedAttributes verified;

    private AttributeToken(Supplier<SignedAttributes> verify) {
        this.verify = verify;
    }

    /** A token that {@code verify} checks (signature, issuer, expiry, subject) when first read. */
    public static AttributeToken verifiedOnUse(Supplier<SignedAttributes> verify) {
        return new AttributeToken(verify);
    }

    /** The signed attributes; empty when the request carries no token. */
    public Optional<SignedAttributes> attributes() {
        if (verify == null) {
            return Optional.empty();
        }
        SignedAttributes known = verified;
        if (known == null) {
            // A race between two checks of one request verifies twice, harmlessly: the token is the same.
            known = verify.get();
            verified = known;
        }
        return Optional.of(known);
    }
}

package dev.surge.shared.identity;

import dev.surge.shared.model.Refusal;

/**
 * An attribute token that does not verify: answered 400. The caller is authenticated, the token is input about the
 * request (a 401 would tell an app to drop its login); the app should fetch a fresh one from the order system.
 */
public class InvalidAttributeToken extends Refusal {

    public InvalidAttributeToken(String reason) {
        super(Reason.INVALID, "Invalid attribute token", "the attribute token (" + AttributeTokens.HEADER + ") " + reason);
    }
}

package dev.surge.shared.identity;

import java.util.Map;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The one place a verified set of claims becomes a security identity: the {@link Caller} the rules read rides on it
 * as an attribute, and the admin scope becomes the {@link Caller#ADMIN_ROLE} role. Built once per verified token
 * (the identity is immutable and remembered with the token), so a request that reuses a token does no claim parsing.
 */
final class CallerIdentities {

    private CallerIdentities() {
    }

    /** @throws AuthenticationFailedException when the claims name no subject or a claim is malformed */
    static SecurityIdentity of(Map<String, ?> claims, String adminScope) {
        Caller caller;
        try {
            caller = Caller.fromClaims(claims);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException(e.getMessage());
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.userId()))
                .addAttribute(Caller.ATTRIBUTE, caller);
        if (caller.hasScope(adminScope)) {
            identity.addRole(Caller.ADMIN_ROLE);
        }
        return identity.build();
    }
}

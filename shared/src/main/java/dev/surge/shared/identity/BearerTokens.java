package dev.surge.shared.identity;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Hands the bearer token of a request to {@link VerifiedCallers}. SmallRye JWT's own mechanism does the same but
 * shares its priority with the Lambda adapter's, so which of the two looked first was left to bean order; an API
 * Gateway event carries both the raw header and the authorizer's verified claims, and the claims must win. This
 * mechanism ranks below the adapter's, which makes that order fixed.
 */
@ApplicationScoped
public class BearerTokens implements HttpAuthenticationMechanism {

    /** Below the Lambda adapter's mechanism (the default, 1000): an authorizer's claims are looked at first. */
    static final int PRIORITY = DEFAULT_PRIORITY - 500;

    private static final String SCHEME = "Bearer";
    private static final Uni<ChallengeData> CHALLENGE = Uni.createFrom()
            .item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(), HttpHeaderNames.WWW_AUTHENTICATE, SCHEME));
    private static final Uni<HttpCredentialTransport> TRANSPORT = Uni.createFrom()
            .item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME.toLowerCase()));

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.length() <= SCHEME.length() + 1
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || authorization.charAt(SCHEME.length()) != ' ') {
            return Uni.createFrom().nullItem();
        }
        String token = authorization.substring(SCHEME.length() + 1).trim();
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token, SCHEME));
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return CHALLENGE;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return TRANSPORT;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}

package dev.surge.shared.identity;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * Verifies bearer tokens in-process where no API Gateway authorizer stands in front (the plain runner, dev mode,
 * tests): SmallRye JWT checks signature, issuer and expiry against the configured key ({@code mp.jwt.verify.*}), and
 * the resulting identity is remembered with the token (see {@link VerifiedTokens}). With no key configured (Lambda)
 * it verifies nothing and answers no identity, so only the authorizer's claims can authenticate a caller.
 */
@ApplicationScoped
public class VerifiedCallers implements IdentityProvider<TokenAuthenticationRequest> {

    private final boolean verifiesHere;
    private final Instance<JWTParser> parser;
    private final String adminScope;
    private final Clock clock;
    private final VerifiedTokens<SecurityIdentity> verified;

    public VerifiedCallers(IdentityConfig config, Instance<JWTParser> parser, Clock clock) {
        this.verifiesHere = config.publicKey().isPresent();
        this.parser = parser;
        this.adminScope = config.adminScope();
        this.clock = clock;
        this.verified = new VerifiedTokens<>(config.verifiedTokens().capacity(),
                config.verifiedTokens().maxAge().toMillis());
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!verifiesHere) {
            return Uni.createFrom().nullItem();
        }
        try {
            return Uni.createFrom().item(verified.value(request.getToken().getToken(), this::verify));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private VerifiedTokens.Verified<SecurityIdentity> verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.get().parse(token);
        } catch (ParseException e) {
            throw new AuthenticationFailedException("the bearer token is not valid");
        }
        long validFor = jwt.getExpirationTime() * 1000 - clock.millis();
        return new VerifiedTokens.Verified<>(CallerIdentities.of(claims(jwt), adminScope), validFor);
    }

    private static Map<String, Object> claims(JsonWebToken jwt) {
        Map<String, Object> out = new HashMap<>();
        for (String name : jwt.getClaimNames()) {
            out.put(name, plain(jwt.getClaim(name)));
        }
        return out;
    }

    private static Object plain(Object value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.longValue();
        }
        if (value instanceof JsonArray a) {
            return a.stream().map(VerifiedCallers::plain).toList();
        }
        if (value instanceof JsonValue v) {
            return v.toString();
        }
        return value;
    }
}

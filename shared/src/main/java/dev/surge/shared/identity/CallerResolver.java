package dev.surge.shared.identity;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Finds the authenticated caller of a request. In Lambda the API Gateway JWT authorizer has already verified
 * the token and hands over its claims inside the event; anywhere else (a local runner, dev mode, tests) the
 * bearer token is verified here against the configured public key. A request body never names the caller.
 */
@ApplicationScoped
public class CallerResolver {

    private static final String BEARER = "Bearer ";

    private final IdentityConfig config;
    private final JWTParser tokens;
    private final VerifiedTokens<Caller> verified;

    public CallerResolver(IdentityConfig config) {
        this.config = config;
        this.tokens = config.publicKey().map(location -> parser(location, config.issuer())).orElse(null);
        this.verified = new VerifiedTokens<>(config.verifiedTokens().capacity(),
                config.verifiedTokens().maxAge().toMillis());
    }

    public Caller resolve(HttpServerRequest request) {
        Optional<Map<String, String>> gatewayClaims = gatewayClaims(request);
        if (gatewayClaims.isPresent()) {
            return fromClaims(gatewayClaims.get());
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new Unauthenticated("a bearer token is required");
        }
        if (tokens == null) {
            throw new Unauthenticated("the request carries no verified authorizer claims");
        }
        return verified.value(authorization.substring(BEARER.length()).trim(), this::verify);
    }

    private VerifiedTokens.Verified<Caller> verify(String token) {
        try {
            JsonWebToken jwt = tokens.parse(token);
            long validFor = jwt.getExpirationTime() * 1000 - System.currentTimeMillis();
            return new VerifiedTokens.Verified<>(fromClaims(claims(jwt)), validFor);
        } catch (ParseException e) {
            throw new Unauthenticated("the bearer token is not valid");
        }
    }

    public boolean isAdmin(Caller caller) {
        return caller.hasScope(config.adminScope());
    }

    private static Caller fromClaims(Map<String, ?> claims) {
        try {
            return Caller.fromClaims(claims);
        } catch (IllegalArgumentException e) {
            throw new Unauthenticated(e.getMessage());
        }
    }

    private static Optional<Map<String, String>> gatewayClaims(HttpServerRequest request) {
        if (!(request.headers() instanceof QuarkusHttpHeaders headers)) {
            return Optional.empty();
        }
        Object event = headers.getContextObjects() == null
                ? null
                : headers.getContextObjects().get(APIGatewayV2HTTPEvent.class);
        if (!(event instanceof APIGatewayV2HTTPEvent http) || http.getRequestContext() == null
                || http.getRequestContext().getAuthorizer() == null
                || http.getRequestContext().getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = http.getRequestContext().getAuthorizer().getJwt().getClaims();
        if (claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> withScopes = new HashMap<>(claims);
        List<String> scopes = http.getRequestContext().getAuthorizer().getJwt().getScopes();
        if (scopes != null && !scopes.isEmpty()) {
            withScopes.merge(Caller.SCOPE, String.join(" ", scopes), (a, b) -> a + " " + b);
        }
        return Optional.of(withScopes);
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
            return a.stream().map(CallerResolver::plain).toList();
        }
        if (value instanceof JsonValue v) {
            return v.toString();
        }
        return value;
    }

    private static JWTParser parser(String location, String issuer) {
        PublicKey key = PublicKeys.load("surge.identity.public-key", location);
        return new DefaultJWTParser(new JWTAuthContextInfo(key, issuer));
    }
}

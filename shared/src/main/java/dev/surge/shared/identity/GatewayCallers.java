package dev.surge.shared.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.quarkus.amazon.lambda.http.LambdaAuthenticationRequest;
import io.quarkus.amazon.lambda.http.LambdaIdentityProvider;
import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The caller of an API Gateway HTTP API event, from the claims its JWT authorizer verified: in Lambda the function
 * does no signature work. Present only in Lambda builds (the plain runner has no Lambda adapter).
 */
@ApplicationScoped
@UnlessBuildProperty(name = "local", stringValue = "true", enableIfMissing = true)
public class GatewayCallers implements LambdaIdentityProvider {

    private final String adminScope;

    public GatewayCallers(IdentityConfig config) {
        this.adminScope = config.adminScope();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(LambdaAuthenticationRequest request,
            AuthenticationRequestContext context) {
        try {
            return Uni.createFrom().item(authenticate(request.getEvent()));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** The identity the authorizer's claims describe; none when the event carries no JWT claims. */
    @Override
    public SecurityIdentity authenticate(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return null;
        }
        var jwt = context.getAuthorizer().getJwt();
        if (jwt.getClaims() == null || jwt.getClaims().isEmpty()) {
            return null;
        }
        Map<String, String> claims = new HashMap<>(jwt.getClaims());
        List<String> scopes = jwt.getScopes();
        if (scopes != null && !scopes.isEmpty()) {
            claims.merge(Caller.SCOPE, String.join(" ", scopes), (a, b) -> a + " " + b);
        }
        return CallerIdentities.of(claims, adminScope);
    }
}

package dev.surge.shared.rest;

import java.time.Instant;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

import dev.surge.shared.identity.Caller;

/**
 * Who the function takes the caller to be, with the claims the rules read: an app developer's check that a token
 * says what a campaign's rules expect. It does nothing else, so it is also the cost of the identity check alone — the
 * benchmark's second baseline beside {@code /v1/ping}.
 */
@Path("/v1/me")
@Authenticated
public class MeResource {

    /**
     * The caller as the rules see it.
     *
     * @param userId the token subject
     * @param registeredAt when the user registered, if the identity provider says
     * @param tags segments the identity provider put on the user
     * @param phoneNumber the user's phone number, if known
     * @param scopes granted scopes and groups
     */
    @RegisterForReflection
    public record Me(String userId, Instant registeredAt, Set<String> tags, String phoneNumber, Set<String> scopes) {
    }

    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        Caller caller = Caller.of(identity);
        return new Me(caller.userId(), caller.registeredAt().orElse(null), caller.tags(),
                caller.phoneNumber().orElse(null), caller.scopes());
    }
}

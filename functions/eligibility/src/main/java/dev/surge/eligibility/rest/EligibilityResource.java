package dev.surge.eligibility.rest;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.surge.eligibility.service.EligibilityService;
import dev.surge.shared.identity.AttributeTokens;
import dev.surge.shared.identity.Caller;

/** May this user take part, and in which campaign? */
@Path("/v1/eligibility")
@Authenticated
public class EligibilityResource {

    private final EligibilityService service;
    private final SecurityIdentity identity;
    private final AttributeTokens attributeTokens;

    public EligibilityResource(EligibilityService service, SecurityIdentity identity, AttributeTokens attributeTokens) {
        this.service = service;
        this.identity = identity;
        this.attributeTokens = attributeTokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The decision, and why each campaign took or refused the user", content = @Content(schema = @Schema(implementation = Decision.class)))
    @APIResponse(responseCode = "400", description = "Bad input: an unknown field, too many campaign ids, a malformed attribute token")
    @APIResponse(responseCode = "404", description = "A named campaign is not published")
    @APIResponse(responseCode = "503", description = "The decision cannot be made in time (Redis slow or unreachable), or the process is busy; never a guess")
    public Uni<Decision> decide(@HeaderParam(AttributeTokens.HEADER) String attributeToken,
            @Valid EligibilityRequest request) {
        Caller who = Caller.of(identity);
        EligibilityRequest asked = request == null ? EligibilityRequest.EMPTY : request;
        return service.decide(who, asked.withAttributeToken(attributeTokens.of(attributeToken, who)).query())
                .map(Decision::of);
    }
}

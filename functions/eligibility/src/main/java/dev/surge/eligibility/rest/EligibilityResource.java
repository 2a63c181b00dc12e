package dev.surge.eligibility.rest;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import dev.surge.eligibility.service.EligibilityService;
import dev.surge.shared.identity.CurrentCaller;
import dev.surge.shared.identity.RequiresCaller;

/** May this user take part, and in which campaign? */
@Path("/v1/eligibility")
@RequiresCaller
public class EligibilityResource {

    private final EligibilityService service;
    private final CurrentCaller caller;

    public EligibilityResource(EligibilityService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Decision> decide(@Valid EligibilityRequest request) {
        return service.decide(caller.get(), request == null ? EligibilityRequest.EMPTY : request);
    }
}

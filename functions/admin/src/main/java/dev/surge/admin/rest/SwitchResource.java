package dev.surge.admin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;

import dev.surge.admin.service.CampaignService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.problem.ProblemException;

/** The brake: a campaign's degrade switches, each turned on or off on its own, audited and published at once. */
@Path("/admin/v1/campaigns/{id}/switches")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SwitchResource {

    private final CampaignService service;
    private final SecurityIdentity identity;

    public SwitchResource(CampaignService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    public SwitchesView switches(@PathParam("id") long id) {
        return SwitchesView.of(service.get(id));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SwitchesView change(@PathParam("id") long id, @PathParam("name") String name, @Valid SwitchChange body) {
        Degrade degrade = Degrade.named(name)
                .orElseThrow(() -> ProblemException.notFound("no degrade switch " + name + "; there are "
                        + String.join(", ", java.util.Arrays.stream(Degrade.values()).map(Degrade::wireName).toList())));
        if (body == null) {
            throw ProblemException.badRequest("the body must be a JSON object such as {\"on\": true}");
        }
        return SwitchesView.of(service.changeSwitch(id, degrade, body.on(), Caller.of(identity).userId()));
    }
}

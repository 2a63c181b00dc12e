package dev.surge.redpacket.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.service.RainService;
import dev.surge.shared.identity.RequiresAdmin;

/** Operators start a campaign's rain: 201 when this call started it, 200 when an identical start had. */
@Path("/admin/v1/campaigns/{campaignId}/rain")
@RequiresAdmin
public class RainResource {

    private final RainService service;

    public RainResource(RainService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> start(@PathParam("campaignId") long campaignId, @Valid @NotNull RainRequest request) {
        return service.start(campaignId, request)
                .map(rain -> Response.status(rain.repeat() ? Response.Status.OK : Response.Status.CREATED)
                        .entity(rain)
                        .build());
    }
}

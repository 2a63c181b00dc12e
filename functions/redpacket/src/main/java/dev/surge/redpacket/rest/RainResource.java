package dev.surge.redpacket.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.service.RainControl;
import dev.surge.redpacket.service.RainService;
import dev.surge.shared.identity.CurrentCaller;
import dev.surge.shared.identity.RequiresAdmin;

/**
 * Operators start a campaign's rain (201 when this call started it, 200 when an identical start had), see where it
 * stands, and steer it: pause, resume, stop, a new rate. Every change answers the rain's status after it.
 */
@Path("/admin/v1/campaigns/{campaignId}/rain")
@RequiresAdmin
public class RainResource {

    private final RainService service;
    private final RainControl control;
    private final CurrentCaller caller;

    public RainResource(RainService service, RainControl control, CurrentCaller caller) {
        this.service = service;
        this.control = control;
        this.caller = caller;
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

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> status(@PathParam("campaignId") long campaignId) {
        return control.status(campaignId);
    }

    @POST
    @Path("/pause")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> pause(@PathParam("campaignId") long campaignId) {
        return control.pause(campaignId, caller.get());
    }

    @POST
    @Path("/resume")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> resume(@PathParam("campaignId") long campaignId) {
        return control.resume(campaignId, caller.get());
    }

    @POST
    @Path("/stop")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> stop(@PathParam("campaignId") long campaignId) {
        return control.stop(campaignId, caller.get());
    }

    @PUT
    @Path("/rate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> rate(@PathParam("campaignId") long campaignId, @Valid @NotNull RainRate rate) {
        return control.rate(campaignId, rate.ratePerSecond(), caller.get());
    }
}

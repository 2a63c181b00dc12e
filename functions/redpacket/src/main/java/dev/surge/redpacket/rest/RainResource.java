package dev.surge.redpacket.rest;

import jakarta.annotation.security.RolesAllowed;
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

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.RainFigures;
import dev.surge.redpacket.RainStarted;
import dev.surge.redpacket.StartRain;
import dev.surge.redpacket.service.RainControl;
import dev.surge.redpacket.service.RainService;
import dev.surge.shared.identity.Caller;

/**
 * Operators start a campaign's rain (201 when this call started it, 200 when an identical start had), see where it
 * stands, and steer it: pause, resume, stop, a new rate. Every change answers the rain's status after it.
 */
@Path("/admin/v1/campaigns/{campaignId}/rain")
@RolesAllowed(Caller.ADMIN_ROLE)
public class RainResource {

    private final RainService service;
    private final RainControl control;
    private final SecurityIdentity identity;

    public RainResource(RainService service, RainControl control, SecurityIdentity identity) {
        this.service = service;
        this.control = control;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> start(@PathParam("campaignId") long campaignId, @Valid @NotNull RainRequest request) {
        return service.start(campaignId, command(request))
                .map(RainResource::answer)
                .map(rain -> Response.status(rain.repeat() ? Response.Status.OK : Response.Status.CREATED)
                        .entity(rain)
                        .build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> status(@PathParam("campaignId") long campaignId) {
        return control.status(campaignId).map(RainResource::answer);
    }

    @POST
    @Path("/pause")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> pause(@PathParam("campaignId") long campaignId) {
        return control.pause(campaignId, Caller.of(identity)).map(RainResource::answer);
    }

    @POST
    @Path("/resume")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> resume(@PathParam("campaignId") long campaignId) {
        return control.resume(campaignId, Caller.of(identity)).map(RainResource::answer);
    }

    @POST
    @Path("/stop")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> stop(@PathParam("campaignId") long campaignId) {
        return control.stop(campaignId, Caller.of(identity)).map(RainResource::answer);
    }

    @PUT
    @Path("/rate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RainStatus> rate(@PathParam("campaignId") long campaignId, @Valid @NotNull RainRate rate) {
        return control.rate(campaignId, rate.ratePerSecond(), Caller.of(identity)).map(RainResource::answer);
    }

    private static StartRain command(RainRequest request) {
        return new StartRain(request.totalPackets(), request.amountCents(), request.minCents(), request.maxCents(),
                request.ratePerSecond(), request.startsAt(), request.buckets(), request.perUserMax());
    }

    private static RainView answer(RainStarted rain) {
        return new RainView(rain.campaignId(), rain.totalPackets(), rain.totalCents(), rain.minCents(),
                rain.maxCents(), rain.ratePerSecond(), rain.buckets(), rain.perUserMax(), rain.startsAt(),
                rain.releasedBy(), rain.repeat());
    }

    private static RainStatus answer(RainFigures rain) {
        return new RainStatus(rain.campaignId(), rain.state().value(), rain.ratePerSecond(), rain.totalPackets(),
                rain.totalCents(), rain.released(), rain.won(), rain.wonCents(), rain.remaining(),
                rain.remainingCents(), rain.startsAt(), rain.releasedBy(), rain.version(), rain.at(),
                rain.buckets()
                        .stream()
                        .map(b -> new RainStatus.BucketFigures(b.bucket(), b.size(), b.released(), b.won(),
                                b.wonCents(), b.state().value(), b.ratePerSecond(), b.version()))
                        .toList());
    }
}

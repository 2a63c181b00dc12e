package dev.surge.redpacket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.Refunds;
import dev.surge.redpacket.Settled;
import dev.surge.redpacket.service.GrabSettler;
import dev.surge.redpacket.service.PacketRefunder;
import dev.surge.shared.identity.Caller;

/** Runs the jobs on demand: the EventBridge schedules in AWS call these (locally the scheduler does). */
@Path("/internal/v1/red-packets")
@RolesAllowed(Caller.ADMIN_ROLE)
public class JobsResource {

    private final GrabSettler settler;
    private final PacketRefunder refunder;

    public JobsResource(GrabSettler settler, PacketRefunder refunder) {
        this.settler = settler;
        this.refunder = refunder;
    }

    /** Replays unrecorded grabs and rain wins into MySQL. */
    @POST
    @Path("/settle")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Settled> settle() {
        return settler.settle();
    }

    /** Closes and refunds expired packets. */
    @POST
    @Path("/refund")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Refunds> refund() {
        return refunder.refund();
    }
}

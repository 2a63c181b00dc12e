package dev.surge.draw.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import dev.surge.draw.service.PendingSettler;
import dev.surge.shared.identity.Caller;

/** Runs the pending-draw sweeper on demand: the EventBridge schedule in AWS calls this. */
@Path("/internal/v1/draws/settle")
@RolesAllowed(Caller.ADMIN_ROLE)
public class SettleResource {

    private final PendingSettler settler;

    public SettleResource(PendingSettler settler) {
        this.settler = settler;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SweepAnswer> settle() {
        return settler.sweep().map(SweepAnswer::of);
    }
}

package dev.surge.qr.rest;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.service.BindingSettler;
import dev.surge.qr.service.PoolRefill;
import dev.surge.shared.identity.Caller;

/** Runs the refill and the settler on demand: the EventBridge schedules in AWS call these. */
@Path("/internal/v1/qr-pools")
@RolesAllowed(Caller.ADMIN_ROLE)
public class PoolMaintenanceResource {

    private final PoolRefill refill;
    private final BindingSettler settler;

    public PoolMaintenanceResource(PoolRefill refill, BindingSettler settler) {
        this.refill = refill;
        this.settler = settler;
    }

    /** Tops up every pool, or only {@code pool}. */
    @POST
    @Path("/refill")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RefillAnswer> refill(@QueryParam("pool") String pool) {
        return refill.refill(Optional.ofNullable(pool).filter(p -> !p.isBlank())).map(RefillAnswer::of);
    }

    /** Records in MySQL the bindings it has not confirmed. */
    @POST
    @Path("/settle")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SettleAnswer> settle() {
        return settler.settle().map(SettleAnswer::of);
    }
}

package dev.surge.admin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.surge.admin.service.RaffleReconciliation;
import dev.surge.shared.identity.Caller;

/**
 * The scheduled job that compares every online raffle's Redis stock with MySQL and reports the drift (a metric per
 * campaign, a warning line); it never repairs. Invoked by the schedule of both deployment files, never routed.
 */
@Path("/internal/v1/raffles/reconcile")
@RolesAllowed(Caller.ADMIN_ROLE)
public class RaffleReconcileJobResource {

    private final RaffleReconciliation reconciliation;

    public RaffleReconcileJobResource(RaffleReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public ReconcileReport reconcile() {
        return ReconcileReport.of(reconciliation.run());
    }
}

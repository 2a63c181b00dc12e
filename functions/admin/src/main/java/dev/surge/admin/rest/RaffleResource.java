package dev.surge.admin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;

import dev.surge.admin.service.RaffleService;
import dev.surge.shared.identity.Caller;

/**
 * A campaign's raffle: settings and prize table (draws see them at the next publish), stock changes while it
 * runs (seen at once), and reconciliation of Redis stock with MySQL.
 */
@Path("/admin/v1/campaigns/{id}")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class RaffleResource {

    private final RaffleService service;
    private final SecurityIdentity identity;

    public RaffleResource(RaffleService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** The operator: the admin token's subject, whom the audit log names. */
    private String actor() {
        return Caller.of(identity).userId();
    }

    @GET
    @Path("raffle")
    public RaffleView raffle(@PathParam("id") long id) {
        return RaffleView.of(service.view(id));
    }

    @PUT
    @Path("raffle")
    @Consumes(MediaType.APPLICATION_JSON)
    public RaffleView configure(@PathParam("id") long id, @Valid @NotNull RaffleSettings body) {
        return RaffleView.of(service.configure(id, body.parameters(), actor()));
    }

    @POST
    @Path("prizes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addPrize(@PathParam("id") long id, @Valid @NotNull PrizeRequest body) {
        return Response.status(Response.Status.CREATED)
                .entity(RaffleView.PrizeView.of(service.addPrize(id, body.fields(), actor())))
                .build();
    }

    @PUT
    @Path("prizes/{prizeId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RaffleView.PrizeView describePrize(@PathParam("id") long id, @PathParam("prizeId") long prizeId,
            @Valid @NotNull PrizeRequest body) {
        return RaffleView.PrizeView.of(service.describePrize(id, prizeId, body.fields(), actor()));
    }

    @POST
    @Path("prizes/{prizeId}/stock")
    @Consumes(MediaType.APPLICATION_JSON)
    public RaffleView.PrizeView changeStock(@PathParam("id") long id, @PathParam("prizeId") long prizeId,
            @Valid @NotNull StockChange body) {
        return RaffleView.PrizeView.of(service.changeStock(id, prizeId, body.delta(), actor()));
    }

    /** Reports drift between Redis and MySQL stock; {@code ?repair=true} also sets Redis from MySQL. */
    @POST
    @Path("reconcile")
    public Reconciliation reconcile(@PathParam("id") long id, @QueryParam("repair") @DefaultValue("false") boolean repair) {
        return Reconciliation.of(service.reconcile(id, repair, actor()));
    }
}

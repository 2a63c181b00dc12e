package dev.surge.admin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.surge.admin.service.ConsoleService;
import dev.surge.shared.identity.Caller;

/** A campaign live, as the console's pages read it every few seconds. */
@Path("/admin/v1/campaigns/{id}/live")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignLiveResource {

    private final ConsoleService console;

    public CampaignLiveResource(ConsoleService console) {
        this.console = console;
    }

    /** {@code metrics=false} leaves the functions' metrics out (the campaigns list reads many campaigns). */
    @GET
    public LiveView live(@PathParam("id") long id, @QueryParam("metrics") @DefaultValue("true") boolean withMetrics) {
        return LiveView.of(console.live(id, withMetrics));
    }
}

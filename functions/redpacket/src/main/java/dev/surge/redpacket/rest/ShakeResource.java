package dev.surge.redpacket.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.service.RainService;
import dev.surge.shared.identity.CurrentCaller;
import dev.surge.shared.identity.RequiresCaller;

/** The gala rain, as a shaker sees it: one shake, one answer. */
@Path("/v1/campaigns/{campaignId}/shake")
@RequiresCaller
public class ShakeResource {

    private final RainService service;
    private final CurrentCaller caller;

    public ShakeResource(RainService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ShakeAnswer> shake(@PathParam("campaignId") long campaignId) {
        return service.shake(caller.get(), campaignId);
    }
}

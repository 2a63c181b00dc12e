package dev.surge.admin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.surge.admin.service.EventRelay;
import dev.surge.shared.identity.Caller;

/**
 * The scheduled job that publishes winner events to the fulfilment queue (docs/events.md). Invoked by the schedule
 * of both deployment files, never routed; the plain runner also runs it by itself.
 */
@Path("/internal/v1/events/relay")
@RolesAllowed(Caller.ADMIN_ROLE)
public class EventRelayJobResource {

    private final EventRelay relay;

    public EventRelayJobResource(EventRelay relay) {
        this.relay = relay;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public RelayReport relay() {
        return RelayReport.of(relay.run());
    }
}

package dev.surge.shared.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A liveness answer that touches nothing: the baseline every function's throughput is measured against, on
 * the same stack (HTTP, JSON, Lambda adapter) but without Redis or MySQL.
 */
@Path("/v1/ping")
public class PingResource {

    /** The ping answer. */
    @RegisterForReflection
    public record Pong(boolean ok) {
    }

    private static final Pong PONG = new Pong(true);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Pong ping() {
        return PONG;
    }
}

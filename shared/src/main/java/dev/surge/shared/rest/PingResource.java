package dev.surge.shared.rest;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.problem.ProblemException;
import dev.surge.shared.warmup.WarmStart;

/**
 * A liveness answer that touches nothing: the baseline every function's throughput is measured against, on
 * the same stack (HTTP, JSON, Lambda adapter) but without Redis or MySQL. Until start-up has warmed the hot
 * path it answers 503, so whatever waits for it (a runner's start script, a load balancer) waits for a warm
 * function.
 */
@Path("/v1/ping")
public class PingResource {

    /** The ping answer. */
    @RegisterForReflection
    public record Pong(boolean ok) {
    }

    private static final Pong PONG = new Pong(true);
    private static final Duration WARMING_RETRY = Duration.ofSeconds(1);

    private final WarmStart warmStart;

    public PingResource(WarmStart warmStart) {
        this.warmStart = warmStart;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Pong ping() {
        if (!warmStart.warm()) {
            throw new ProblemException(503, "Warming up", "the function is still starting", List.of(), WARMING_RETRY);
        }
        return PONG;
    }
}

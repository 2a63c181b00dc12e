package dev.surge.shared.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

import dev.surge.shared.warmup.WarmStart;

/** Readiness: start-up has warmed the hot path (as {@code GET /v1/ping} says), so the first crowd meets a warm one. */
@Readiness
@ApplicationScoped
public class WarmReadiness implements AsyncHealthCheck {

    static final String NAME = "Warm start";

    private final WarmStart warmStart;

    public WarmReadiness(WarmStart warmStart) {
        this.warmStart = warmStart;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // Asynchronous only so that it needs no worker thread: it reads a flag.
        return Uni.createFrom().item(HealthCheckResponse.named(NAME).status(warmStart.warm()).build());
    }
}

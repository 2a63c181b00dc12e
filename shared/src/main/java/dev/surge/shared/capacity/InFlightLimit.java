package dev.surge.shared.capacity;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

import dev.surge.shared.problem.Problem;

/**
 * Bounds the user requests one process holds at once, at the HTTP edge: past the bound a request is answered
 * 503 problem+json with Retry-After before any of its work (token check, body parsing) is done. The entry
 * bulkheads of the services bound the same crowd further in, but a request they turn away has already cost its
 * token check and parsing; measured with `scripts/bench burst` at 256 connections, those refusals took so much
 * of the runner's CPU that its real outcomes fell to a quarter of what 64 connections got. Refused here, they
 * cost almost nothing. A Lambda environment serves one request at a time and never reaches the bound.
 */
@ApplicationScoped
public class InFlightLimit {

    /** Before the authentication and routing filters. */
    private static final int PRIORITY = 1000;
    private static final String RETRY_AFTER_SECONDS = "1";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    private final Counter refused;
    private final String busy;

    public InFlightLimit(CapacityConfig config, MeterRegistry registry, ObjectMapper json) {
        this.maxInFlight = config.maxInFlight();
        this.refused = Counter.builder("surge.requests.shed")
                .description("User requests refused at the edge because the process held all it can serve")
                .register(registry);
        try {
            this.busy = json.writeValueAsString(new Problem("about:blank", "Service unavailable", 503,
                    "busy; try again shortly", null, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::admit, PRIORITY);
    }

    /** User routes only: not the ping, the metrics, the admin or the scheduled jobs' routes. */
    private static boolean limited(String path) {
        return path != null && path.startsWith("/v1/") && !path.equals("/v1/ping");
    }

    private void admit(RoutingContext request) {
        if (!limited(request.normalizedPath())) {
            request.next();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refused.increment();
            request.response()
                    .setStatusCode(503)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                    .end(busy);
            return;
        }
        // Ended, failed or cut off: the slot is given back once, whichever happens.
        request.addEndHandler(ended -> inFlight.decrementAndGet());
        request.next();
    }
}

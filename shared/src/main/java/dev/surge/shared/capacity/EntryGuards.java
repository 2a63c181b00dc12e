package dev.surge.shared.capacity;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Vertx;

/**
 * Entry guards of the hot paths: the bulkhead (and, where a site sets one, the overall timeout) that an annotated
 * {@code @Bulkhead @Fallback} entry method had, built from the same configuration, without the re-dispatch. SmallRye
 * Fault Tolerance runs an annotated {@code Uni} method through its thread offload and context propagation (about a
 * quarter of eligibility's profile samples at full load, measured with {@code BENCH_PROFILE=1 scripts/bench
 * eligibility}); a programmatic guard with thread offload off runs the same policies on the calling event loop.
 */
@ApplicationScoped
public class EntryGuards {

    private final Config config;
    private final Vertx vertx;
    private final int limit;
    private final int queue;

    public EntryGuards(Config config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.limit = config.getValue("quarkus.fault-tolerance.global.bulkhead.value", Integer.class);
        this.queue = config.getValue("quarkus.fault-tolerance.global.bulkhead.waiting-task-queue", Integer.class);
    }

    /**
     * The guard of one entry point, named by its class and method as the annotations' configuration keys are
     * ({@code dev.surge.eligibility.service.EligibilityService/decide}): the global bulkhead, and the site's own
     * {@code quarkus.fault-tolerance."<site>".timeout.value} (milliseconds) when it states one.
     */
    public EntryGuard entry(String site) {
        var builder = Guard.create()
                .withDescription(site)
                .withBulkhead()
                .limit(limit)
                .queueSize(queue)
                .done();
        Optional<Long> timeout = config.getOptionalValue("quarkus.fault-tolerance.\"" + site + "\".timeout.value",
                Long.class);
        if (timeout.isPresent()) {
            builder = builder.withTimeout().duration(timeout.get(), ChronoUnit.MILLIS).done();
        }
        return new EntryGuard(builder.withThreadOffload(false).build(), vertx);
    }
}

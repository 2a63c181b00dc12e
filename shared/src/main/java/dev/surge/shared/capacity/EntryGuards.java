package dev.surge.shared.capacity;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * Entry guards of the hot paths: the bulkhead (and, where a site sets one, the overall timeout) that an annotated
 * {@code @Bulkhead @Fallback} entry method had, from the same configuration ({@code quarkus.fault-tolerance.global.
 * bulkhead.*} and the site's {@code quarkus.fault-tolerance."<class>/<method>".timeout.value}), run on the calling
 * event loop. See {@link EntryGuard} for why they are not SmallRye Fault Tolerance's.
 */
@ApplicationScoped
public class EntryGuards {

    private final Config config;
    private final int limit;
    private final int queue;

    public EntryGuards(Config config) {
        this.config = config;
        this.limit = config.getValue("quarkus.fault-tolerance.global.bulkhead.value", Integer.class);
        this.queue = config.getValue("quarkus.fault-tolerance.global.bulkhead.waiting-task-queue", Integer.class);
    }

    /**
     * The guard of one entry point, named by its class and method as the annotations' configuration keys are
     * ({@code dev.surge.eligibility.service.EligibilityService/decide}): the global bulkhead, and the site's own
     * {@code quarkus.fault-tolerance."<site>".timeout.value} (milliseconds) when it states one.
     */
    public EntryGuard entry(String site) {
        Optional<Duration> timeout = config
                .getOptionalValue("quarkus.fault-tolerance.\"" + site + "\".timeout.value", Long.class)
                .map(Duration::ofMillis);
        return new EntryGuard(site, limit, queue, timeout);
    }
}

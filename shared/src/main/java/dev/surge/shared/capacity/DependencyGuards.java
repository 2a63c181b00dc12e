package dev.surge.shared.capacity;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Guards for the hot path's Redis calls whose timeout and circuit breaker must judge Redis, not this process.
 * They take the global fault-tolerance values (the same properties the annotations read, stated once in the
 * shared configuration) and differ from an annotated {@code @Timeout @CircuitBreaker} in one way: when a call's
 * time is up while this process's event loops lag ({@link EventLoopLag}), its reply may be waiting in the
 * process's own queue, so the call gets more time (up to {@code surge.capacity.lag-patience}); if even that runs
 * out it fails as a {@link LaggedTimeout}, which the breaker does not count against Redis. SmallRye Fault
 * Tolerance's timeout runs on its own clock and cannot tell the two apart; measured here before this change
 * (`scripts/bench burst`), a fresh runner facing a healthy Redis had a few draws outlast 150 ms while its code
 * was still compiling, the breaker opened, and 3 to 8 seconds of draws were answered "try later". A Redis that
 * is really slow or paused leaves the loops idle, so its timeouts count as before.
 */
@ApplicationScoped
public class DependencyGuards {

    private final EventLoopLag lag;
    private final MeterRegistry registry;
    private final CapacityConfig capacity;
    private final long timeoutMillis;
    private final int requestVolume;
    private final double failureRatio;
    private final long delayMillis;

    public DependencyGuards(EventLoopLag lag, MeterRegistry registry, CapacityConfig capacity,
            @ConfigProperty(name = "quarkus.fault-tolerance.global.timeout.value") long timeoutMillis,
            @ConfigProperty(name = "quarkus.fault-tolerance.global.circuit-breaker.request-volume-threshold") int requestVolume,
            @ConfigProperty(name = "quarkus.fault-tolerance.global.circuit-breaker.failure-ratio") double failureRatio,
            @ConfigProperty(name = "quarkus.fault-tolerance.global.circuit-breaker.delay") long delayMillis) {
        this.lag = lag;
        this.registry = registry;
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
        this.requestVolume = requestVolume;
        this.failureRatio = failureRatio;
        this.delayMillis = delayMillis;
    }

    /**
     * A guard for one Redis call site, named by its class and method ({@code dev.surge.draw.client.DrawScripts.draw});
     * its calls are timed as
     * {@code surge_dependency_calls_seconds{site, ending}} (answered, failed, timed-out, lagged).
     */
    public DependencyGuard redis(String name) {
        Guard breaker = Guard.create()
                .withDescription(name)
                .withCircuitBreaker()
                .name(name)
                .requestVolumeThreshold(requestVolume)
                .failureRatio(failureRatio)
                .delay(delayMillis, ChronoUnit.MILLIS)
                .when(failure -> !(failure instanceof LaggedTimeout))
                .done()
                .withThreadOffload(false)
                .build();
        return new DependencyGuard(name, breaker, lag, TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                capacity.lagPatience().toNanos(), capacity.probeEvery().toNanos() * 2, this::timer);
    }

    private Timer timer(String site, String ending) {
        return Timer.builder("surge.dependency.calls")
                .description("Guarded dependency calls by how they ended")
                .tag("site", site)
                .tag("ending", ending)
                .register(registry);
    }
}

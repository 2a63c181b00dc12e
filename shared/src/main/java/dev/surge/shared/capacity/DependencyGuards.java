package dev.surge.shared.capacity;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Guards for the hot path's Redis calls whose timeout and circuit breaker must judge Redis, not this process.
 * They take the global fault-tolerance values (the same properties the annotations read, stated once in the
 * shared configuration) and differ from an annotated {@code @Timeout @CircuitBreaker} in one way: when a call's
 * time is up while this process's event loops lag ({@link EventLoopLag}), or while Redis has meanwhile answered
 * a call asked after it ({@link AnswerOrder}), its reply waits in a queue, not on a dead server, so the call gets
 * more time (up to {@code surge.capacity.lag-patience}); if even that runs out it fails as a
 * {@link LaggedTimeout}, which the breaker does not count against Redis. SmallRye Fault
 * Tolerance's timeout runs on its own clock and cannot tell the two apart; measured here before this change
 * (`scripts/bench burst`), a fresh runner facing a healthy Redis had a few draws outlast 150 ms while its code
 * was still compiling, the breaker opened, and 3 to 8 seconds of draws were answered "try later". The
 * order of answers was added after the draw's cold-burst test, on two cores shared with four busy processes,
 * still had 45 of 2,756 draw calls time out with idle loops while later calls were answered, and the breaker
 * turned 469 draws away; with it, none timed out. A Redis that is paused, or slow for every call, answers
 * nothing asked later and leaves the loops idle, so its timeouts count as before.
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
    private final long mysqlTimeoutMillis;
    /** Every Redis site shares one: a call to any of them answered shows the server is serving. */
    private final AnswerOrder redisAnswers = new AnswerOrder();
    /** Every MySQL site shares one, as for Redis. */
    private final AnswerOrder mysqlAnswers = new AnswerOrder();

    public DependencyGuards(EventLoopLag lag, MeterRegistry registry, CapacityConfig capacity,
            @ConfigProperty(name = "quarkus.fault-tolerance.global.timeout.value") long timeoutMillis,
            @ConfigProperty(name = "quarkus.fault-tolerance.global.circuit-breaker.request-volume-threshold") int requestVolume,
            @ConfigProperty(name = "quarkus.fault-tolerance.global.circuit-breaker.failure-ratio") double failureRatio,
            @ConfigProperty(name = "quarkus.fault-tolerance.global.circuit-breaker.delay") long delayMillis,
            @ConfigProperty(name = "surge.mysql.timeout-ms") long mysqlTimeoutMillis) {
        this.lag = lag;
        this.registry = registry;
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
        this.requestVolume = requestVolume;
        this.failureRatio = failureRatio;
        this.delayMillis = delayMillis;
        this.mysqlTimeoutMillis = mysqlTimeoutMillis;
    }

    /**
     * A guard for one Redis call site, named by its class and method ({@code dev.surge.draw.redis.DrawStore.draw});
     * its calls are timed as
     * {@code surge_dependency_calls_seconds{site, ending}} (answered, failed, timed-out, lagged).
     */
    public DependencyGuard redis(String name) {
        return new DependencyGuard(name, breaker(name), lag, redisAnswers, TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                capacity.lagPatience().toNanos(), capacity.probeEvery().toNanos() * 2, this::timer);
    }

    /**
     * A guard for one MySQL call site on a hot path (a win or a share written as it is taken): the MySQL budget
     * ({@code surge.mysql.timeout-ms}) and the global breaker, judged as for Redis. Measured in the rain's crowd
     * test (1,500 shakers a step) with an annotated {@code @Timeout @CircuitBreaker}: 20 writes of 496 outlasted
     * 500 ms while the process's own loops were busy, the breaker opened, and 197 more wins were left to the
     * settle job on a healthy MySQL.
     */
    public DependencyGuard mysql(String name) {
        return new DependencyGuard(name, breaker(name), lag, mysqlAnswers,
                TimeUnit.MILLISECONDS.toNanos(mysqlTimeoutMillis), capacity.lagPatience().toNanos(),
                capacity.probeEvery().toNanos() * 2, this::timer);
    }

    private DependencyBreaker breaker(String name) {
        return new DependencyBreaker(name, requestVolume, failureRatio, TimeUnit.MILLISECONDS.toNanos(delayMillis),
                registry, System::nanoTime);
    }

    /**
     * A deadline, without a breaker, for one MySQL call site whose own code decides what a late answer means
     * (a fenced commit): it fails with a {@link org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException}
     * after {@code timeoutMillis}, or with a {@link LaggedTimeout} after the patience when the call was only
     * queued behind this process's own work.
     */
    public DependencyGuard mysqlDeadline(String name, long timeoutMillis) {
        return new DependencyGuard(name, null, lag, mysqlAnswers, TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
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

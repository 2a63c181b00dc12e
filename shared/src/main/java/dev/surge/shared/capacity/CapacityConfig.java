package dev.surge.shared.capacity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a process that serves many requests at once knows it is saturated. */
@ConfigMapping(prefix = "surge.capacity")
public interface CapacityConfig {

    /**
     * Whether the event loops are probed. Only where one process serves many requests at once (the plain runner,
     * tests); a Lambda environment serves one at a time and is frozen between them, so it never probes.
     */
    @WithDefault("false")
    boolean probeEventLoops();

    /** How often each event loop is asked to run a probe. */
    @WithDefault("10ms")
    Duration probeEvery();

    /**
     * How late an event loop may run its tasks before a timed-out Redis call is blamed on this process rather than
     * on Redis: two thirds of a Redis call's 150 ms budget. Measured in the draw's cold-burst test, when this was
     * also the bound for turning requests away: at 50 ms a fresh JVM still compiling its code refused most of its
     * first crowd; at 100 ms it answered all of it.
     */
    @WithDefault("100ms")
    Duration maxLoopLag();

    /**
     * Event-loop lateness, summed over the loops while one dependency call waits, past which its timeout is this
     * process's own queue rather than the dependency: a third of a Redis call's 150 ms budget. Lateness of a few
     * milliseconds over a call's life is ordinary scheduling jitter; a Redis that is paused leaves the loops idle
     * and on time, so it is still blamed.
     */
    @WithDefault("50ms")
    Duration queuedLag();

    /**
     * How long a dependency call may wait for its reply past its timeout while this process lags. Past this the
     * process cannot answer in time anyway, so it also turns new requests away at once.
     */
    @WithDefault("1s")
    Duration lagPatience();

    /**
     * User requests one process holds at once before it answers 503 at the edge: what its entry bulkhead runs
     * (64) and lets wait (64), so a request admitted here is not then turned away further in.
     */
    @WithDefault("128")
    int maxInFlight();
}

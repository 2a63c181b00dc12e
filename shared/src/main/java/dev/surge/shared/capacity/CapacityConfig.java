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
     * on Redis: half a Redis call's 50 ms budget. A warm runner at 64 requests at once lags a few milliseconds; a
     * fresh JVM still compiling its code, or a machine whose cores other processes hold, lags tens to hundreds.
     */
    @WithDefault("25ms")
    Duration maxLoopLag();

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

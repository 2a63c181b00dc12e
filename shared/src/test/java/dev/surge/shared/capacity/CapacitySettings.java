package dev.surge.shared.capacity;

import java.time.Duration;

/** The capacity settings of the production defaults, with the probes on or off and a patience of the test's own. */
record CapacitySettings(boolean probeEventLoops, Duration lagPatience) implements CapacityConfig {

    @Override
    public Duration probeEvery() {
        return Duration.ofMillis(10);
    }

    @Override
    public Duration maxLoopLag() {
        return Duration.ofMillis(100);
    }

    @Override
    public Duration queuedLag() {
        return Duration.ofMillis(50);
    }

    @Override
    public int maxInFlight() {
        return 128;
    }
}

package dev.surge.shared.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The application clock in tests: runs with real time until a test pins it, and can be moved. */
public class MovableClock extends Clock {

    private final AtomicReference<Instant> pinned = new AtomicReference<>();

    public void pin(Instant instant) {
        pinned.set(instant);
    }

    public void advance(Duration by) {
        pinned.updateAndGet(i -> (i == null ? Instant.now() : i).plus(by));
    }

    public void release() {
        pinned.set(null);
    }

    @Override
    public Instant instant() {
        Instant at = pinned.get();
        return at == null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // The application reads instants only; a zoned view is a snapshot for formatting.
        return Clock.fixed(instant(), zone);
    }
}

package dev.surge.shared.testing;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the application clock in every Quarkus test with one {@link MovableClock}. */
public class MovableClockProducer {

    private static final MovableClock CLOCK = new MovableClock();

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    public Clock clock() {
        return CLOCK;
    }

    public static MovableClock clockInUse() {
        return CLOCK;
    }
}

package dev.surge.qr;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Minutes of the application clock no other test uses, so each test has upstream windows of its own. Quiet
 * minutes fall at 02:xx UTC (the test quiet hours are 01:00 to 07:00 UTC), day minutes at 12:xx.
 */
public final class Minutes {

    private static final Instant QUIET = Instant.parse("2031-03-01T02:00:00Z");
    private static final Instant DAY = Instant.parse("2031-03-01T12:00:00Z");
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Minutes() {
    }

    /** A second into a fresh quiet minute. */
    public static Instant quiet() {
        return QUIET.plus(Duration.ofMinutes(NEXT.incrementAndGet())).plusSeconds(1);
    }

    /** A second into a fresh daytime minute. */
    public static Instant day() {
        return DAY.plus(Duration.ofMinutes(NEXT.incrementAndGet())).plusSeconds(1);
    }
}

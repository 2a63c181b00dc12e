package dev.surge.qr;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import dev.surge.shared.model.RateLimit;

/**
 * The per-user limits one allocation is checked against, inside the claim script: the campaign's per-user rate
 * limit on QR allocation (for a pool bound to a campaign) and the pool's daily cap per user. Only an allocation that
 * takes a code counts; a replay of a key is answered before either is looked at.
 *
 * @param rate the campaign's rate limit, null for none
 * @param perDay codes one user may be allocated from the pool per day, 0 for no cap
 * @param zone whose calendar days the cap counts
 * @param nowMillis the application clock's time of the allocation
 */
public record AllocationLimits(RateLimit rate, int perDay, ZoneId zone, long nowMillis) {

    /** How long a user's daily counter is kept: past the longest calendar day, whatever the zone. */
    public static final Duration DAY_COUNTER_TTL = Duration.ofHours(48);

    /** No limit: the claim counts nothing. */
    public static AllocationLimits none(long nowMillis) {
        return new AllocationLimits(null, 0, ZoneId.of("UTC"), nowMillis);
    }

    /** The calendar day of the allocation in the cap's zone. */
    public LocalDate day() {
        return LocalDate.ofInstant(Instant.ofEpochMilli(nowMillis), zone);
    }

    /** Until the next day begins in the cap's zone, in whole seconds (≥ 1): when a capped user may allocate again. */
    public Duration untilNextDay() {
        long next = day().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return Duration.ofSeconds(Math.max(1, (next - nowMillis + 999) / 1000));
    }
}

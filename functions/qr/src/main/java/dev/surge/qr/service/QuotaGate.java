package dev.surge.qr.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.MintPurpose;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.redis.QuotaStore;
import dev.surge.shared.logging.FailureLog;

/**
 * The fleet's upstream rate limit, one window per minute of the application clock. Live demand (a code made on
 * the spot for a caller) may use the whole limit; refill may only use what is left after a reserve for live
 * demand: a small one in quiet hours, a larger one during the day. A Redis failure grants nothing: an
 * instance that cannot count never calls the upstream.
 */
@ApplicationScoped
public class QuotaGate {

    private static final Logger LOG = Logger.getLogger(QuotaGate.class);
    private static final long MINUTE_MILLIS = 60_000;

    private final QuotaStore window;
    private final QrMetrics metrics;
    private final FailureLog failures;
    private final Clock clock;
    private final QrConfig config;

    public QuotaGate(QuotaStore window, QrMetrics metrics, Clock clock, QrConfig config, FailureLog failures) {
        this.window = window;
        this.metrics = metrics;
        this.failures = failures;
        this.clock = clock;
        this.config = config;
    }

    /**
     * One permit for a code a caller is waiting for: 1 or 0. When Redis does not answer the take fails, so the
     * caller is told to try again shortly (the allocation's fallback) rather than that the minute's limit is
     * reached and to wait for the next window; no permit means no upstream call either way.
     */
    public Uni<Integer> forLiveDemand() {
        return counted(MintPurpose.LIVE, 1, config.upstreamLimitPerMinute());
    }

    /** Up to {@code wanted} permits for refill, from what live demand leaves over. */
    public Uni<Integer> forRefill(int wanted) {
        int reserve = quiet(clock.instant()) ? config.quietReserve() : config.dayReserve();
        return take(MintPurpose.REFILL, wanted, Math.max(0, config.upstreamLimitPerMinute() - reserve));
    }

    /** The upstream says its limit is reached: nobody in the fleet asks again this minute. */
    public Uni<Void> exhausted() {
        return window.exhaust(minute(), config.upstreamLimitPerMinute())
                .onFailure()
                .invoke(e -> LOG.warnf("could not mark the upstream window spent: %s", e.toString()))
                .onFailure()
                .recoverWithNull();
    }

    /** Time until the next window opens: what a caller refused for quota should wait. */
    public Duration untilNextWindow() {
        long millis = clock.millis();
        return Duration.ofMillis(MINUTE_MILLIS - millis % MINUTE_MILLIS);
    }

    /** Whether {@code at} falls in the configured quiet hours. */
    public boolean quiet(Instant at) {
        QrConfig.QuietHours hours = config.quietHours();
        LocalTime time = at.atZone(hours.zone()).toLocalTime();
        if (hours.start().isBefore(hours.end())) {
            return !time.isBefore(hours.start()) && time.isBefore(hours.end());
        }
        return !time.isBefore(hours.start()) || time.isBefore(hours.end());
    }

    private Uni<Integer> counted(MintPurpose purpose, int wanted, int cap) {
        return window.take(minute(), wanted, cap).map(take -> {
            metrics.quota(purpose, wanted, take.granted(), take.usedInWindow());
            return take.granted();
        });
    }

    /** Refill's take: a Redis failure grants nothing, and the next refill run asks again. */
    private Uni<Integer> take(MintPurpose purpose, int wanted, int cap) {
        return counted(purpose, wanted, cap).onFailure().recoverWithItem(failure -> {
            metrics.fellBack("quota", failure);
            failures.fellBack(LOG, "qr upstream quota (no permit)", failure);
            return 0;
        });
    }

    private long minute() {
        return clock.millis() / MINUTE_MILLIS;
    }
}

package dev.surge.draw.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.surge.draw.DrawResult;
import dev.surge.shared.metrics.SurgeMetrics;

/** Draws by outcome, MySQL writes, fallbacks and latency. */
@ApplicationScoped
public class DrawMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<String, AtomicLong> stock = new ConcurrentHashMap<>();
    // Looked up once per outcome: every draw counts one, and the registry's lookup builds and sorts its tags.
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public DrawMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(SurgeMetrics.DRAW_LATENCY)
                .description("Time to answer one draw")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }

    void answered(DrawResult result, long nanos) {
        outcome(result.outcome().value()).increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A draw refused by the campaign's per-user rate limit (answered 429). */
    void rateLimited() {
        outcome("rate-limited").increment();
    }

    void mysqlWrite(String result) {
        registry.counter(SurgeMetrics.DRAW_MYSQL_WRITES, "result", result).increment();
    }

    void fellBack(Throwable cause) {
        registry.counter(SurgeMetrics.FALLBACKS, SurgeMetrics.TAG_FUNCTION, "draw", SurgeMetrics.TAG_REASON,
                cause.getClass().getSimpleName()).increment();
        outcome("fallback").increment();
    }

    private Counter outcome(String outcome) {
        return outcomes.computeIfAbsent(outcome,
                o -> registry.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, o));
    }

    /** Publishes the Redis stock of a prize as a gauge an alarm can watch. */
    void stock(long campaignId, long prizeId, long units) {
        stock.computeIfAbsent(campaignId + "/" + prizeId, k -> {
            AtomicLong gauge = new AtomicLong();
            registry.gauge(SurgeMetrics.DRAW_STOCK, Tags.of("campaign", Long.toString(campaignId), "prize",
                    Long.toString(prizeId)), gauge);
            return gauge;
        }).set(units);
    }

    void settled(String settlement) {
        registry.counter(SurgeMetrics.DRAW_SETTLED, "settlement", settlement).increment();
    }
}

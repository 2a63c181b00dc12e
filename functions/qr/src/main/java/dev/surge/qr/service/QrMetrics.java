package dev.surge.qr.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.surge.qr.CodeSource;
import dev.surge.qr.MintPurpose;
import dev.surge.qr.ScanSource;
import dev.surge.shared.metrics.SurgeMetrics;

/** Allocations by outcome, scans by source, pool levels, codes made, upstream calls and quota use. */
@ApplicationScoped
public class QrMetrics {

    /** Counter of allocations by {@code outcome}: pool, on-the-spot, replay, or why none was given. */
    public static final String ALLOCATIONS = "surge.qr.allocations";
    /** Timer of whole allocations. */
    public static final String ALLOCATE_LATENCY = "surge.qr.allocate.latency";
    /** Counter of scans resolved, by {@code source}: redis, mysql, or missing. */
    public static final String RESOLVES = "surge.qr.resolves";
    /** Gauge of the codes ready in each {@code pool}: the level an alarm watches. */
    public static final String POOL_LEVEL = "surge.qr.pool.level";
    /** Gauge per {@code pool}: 1 while its level is under the low-water mark. */
    public static final String POOL_LOW = "surge.qr.pool.low";
    /** Counter of codes made, by {@code pool} and {@code purpose} (refill or on-the-spot): the refill rate. */
    public static final String MINTED = "surge.qr.minted";
    /** Counter of upstream code calls by {@code result}: ok, over-limit, refused, failed. */
    public static final String UPSTREAM_CALLS = "surge.qr.upstream.calls";
    /** Counter of upstream permits granted by the fleet-wide gate, by {@code purpose}. */
    public static final String QUOTA_GRANTED = "surge.qr.quota.granted";
    /** Counter of permit requests the gate turned down, by {@code purpose}. */
    public static final String QUOTA_DENIED = "surge.qr.quota.denied";
    /** Gauge of permits the fleet has taken in the current minute, as this instance last saw it. */
    public static final String QUOTA_WINDOW = "surge.qr.quota.window";
    /** Counter of bindings the settler replayed into MySQL, by {@code result}. */
    public static final String SETTLED = "surge.qr.settled";
    /** Counter of bindings answered before MySQL confirmed them (left to the settler). */
    public static final String UNRECORDED = "surge.qr.unrecorded";

    private static final String POOL = "pool";
    private static final String PURPOSE = "purpose";

    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<String, AtomicLong> levels = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> low = new ConcurrentHashMap<>();
    private final AtomicLong window = new AtomicLong();

    public QrMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(ALLOCATE_LATENCY)
                .description("Time to answer one allocation")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        registry.gauge(QUOTA_WINDOW, window);
    }

    void allocated(CodeSource source, long nanos) {
        registry.counter(ALLOCATIONS, SurgeMetrics.TAG_OUTCOME, source.wire()).increment();
        latency.record(Duration.ofNanos(nanos));
    }

    void refused(String reason) {
        registry.counter(ALLOCATIONS, SurgeMetrics.TAG_OUTCOME, reason).increment();
    }

    void fellBack(String operation, Throwable cause) {
        registry.counter(SurgeMetrics.FALLBACKS, SurgeMetrics.TAG_FUNCTION, "qr-" + operation, SurgeMetrics.TAG_REASON,
                cause.getClass().getSimpleName()).increment();
    }

    // Looked up once per source: every scan counts one.
    private final Map<ScanSource, Counter> resolves = new ConcurrentHashMap<>();

    void resolved(ScanSource source) {
        resolves.computeIfAbsent(source, s -> registry.counter(RESOLVES, "source", s.wire())).increment();
    }

    /** Publishes a pool's level, and whether it is under its low-water mark. */
    void level(String pool, long codes, int lowWater) {
        gauge(levels, POOL_LEVEL, pool).set(codes);
        gauge(low, POOL_LOW, pool).set(codes < lowWater ? 1 : 0);
    }

    void minted(String pool, MintPurpose purpose) {
        registry.counter(MINTED, POOL, pool, PURPOSE, purpose.wire()).increment();
    }

    void upstream(String result) {
        registry.counter(UPSTREAM_CALLS, "result", result).increment();
    }

    void quota(MintPurpose purpose, int wanted, int granted, long usedInWindow) {
        if (granted > 0) {
            registry.counter(QUOTA_GRANTED, PURPOSE, purpose.wire()).increment(granted);
        }
        if (granted < wanted) {
            registry.counter(QUOTA_DENIED, PURPOSE, purpose.wire()).increment();
        }
        window.set(usedInWindow);
    }

    void settled(String result) {
        registry.counter(SETTLED, "result", result).increment();
    }

    void unrecorded() {
        registry.counter(UNRECORDED).increment();
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String pool) {
        return gauges.computeIfAbsent(pool, p -> registry.gauge(name, Tags.of(POOL, p), new AtomicLong()));
    }
}

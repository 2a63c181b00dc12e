package dev.surge.eligibility.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.surge.eligibility.EligibilityDecision;
import dev.surge.shared.metrics.SurgeMetrics;

/** Decisions by outcome and by deciding rule, degraded answers, and decision latency. */
@ApplicationScoped
public class EligibilityMetrics {

    private final MeterRegistry registry;
    private final Counter eligible;
    private final Counter ineligible;
    private final Timer latency;

    public EligibilityMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.eligible = decisions("eligible");
        this.ineligible = decisions("ineligible");
        this.latency = Timer.builder(SurgeMetrics.ELIGIBILITY_LATENCY)
                .description("Time to decide one eligibility request")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }

    void decided(EligibilityDecision decision, long nanos) {
        (decision.eligible() ? eligible : ineligible).increment();
        for (EligibilityDecision.Considered c : decision.campaigns()) {
            String rule = c.rule() == null ? "none" : c.rule();
            (c.eligible() ? eligibleBy : rejectedBy).computeIfAbsent(rule,
                    r -> registry.counter(SurgeMetrics.ELIGIBILITY_CAMPAIGN_DECISIONS, SurgeMetrics.TAG_OUTCOME,
                            c.eligible() ? "eligible" : "rejected", SurgeMetrics.TAG_RULE, r))
                    .increment();
        }
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    // Counters of campaign decisions by rule, looked up once: every request counts one per campaign it considers.
    private final Map<String, Counter> eligibleBy = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejectedBy = new ConcurrentHashMap<>();

    void fellBack(Throwable cause) {
        registry.counter(SurgeMetrics.FALLBACKS, SurgeMetrics.TAG_FUNCTION, "eligibility", SurgeMetrics.TAG_REASON,
                cause.getClass().getSimpleName()).increment();
        registry.counter(SurgeMetrics.ELIGIBILITY_DECISIONS, SurgeMetrics.TAG_OUTCOME, "fallback").increment();
    }

    private Counter decisions(String outcome) {
        return registry.counter(SurgeMetrics.ELIGIBILITY_DECISIONS, SurgeMetrics.TAG_OUTCOME, outcome);
    }
}

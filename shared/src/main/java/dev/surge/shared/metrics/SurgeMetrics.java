package dev.surge.shared.metrics;

/** Names of the metrics every function publishes, the same locally (Prometheus) and in AWS (CloudWatch). */
public final class SurgeMetrics {

    /** Counter of answers by {@code outcome} (and, where it applies, the deciding {@code rule}). */
    public static final String ELIGIBILITY_DECISIONS = "surge.eligibility.decisions";
    /** Timer of whole eligibility decisions. */
    public static final String ELIGIBILITY_LATENCY = "surge.eligibility.latency";
    /** Counter of degraded answers, by {@code function} and {@code reason}. */
    public static final String FALLBACKS = "surge.fallbacks";
    /** Counter of campaign publishes. */
    public static final String PUBLISHES = "surge.admin.publishes";

    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_RULE = "rule";
    public static final String TAG_FUNCTION = "function";
    public static final String TAG_REASON = "reason";

    private SurgeMetrics() {
    }
}

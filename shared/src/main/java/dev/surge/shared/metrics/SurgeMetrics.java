package dev.surge.shared.metrics;

/** Names of the metrics every function publishes, the same locally (Prometheus) and in AWS (CloudWatch). */
public final class SurgeMetrics {

    /** Counter of answers by {@code outcome} (and, where it applies, the deciding {@code rule}). */
    public static final String ELIGIBILITY_DECISIONS = "surge.eligibility.decisions";
    /** Counter of each campaign's verdict within the answers, by {@code outcome} and the refusing {@code rule}. */
    public static final String ELIGIBILITY_CAMPAIGN_DECISIONS = "surge.eligibility.decisions.campaigns";
    /** Timer of whole eligibility decisions. */
    public static final String ELIGIBILITY_LATENCY = "surge.eligibility.latency";
    /** Counter of draws by {@code outcome}. */
    public static final String DRAW_OUTCOMES = "surge.draw.outcomes";
    /** Timer of whole draws. */
    public static final String DRAW_LATENCY = "surge.draw.latency";
    /** Counter of MySQL writes of the draw, by {@code result}. */
    public static final String DRAW_MYSQL_WRITES = "surge.draw.mysql.writes";
    /** Gauge of the Redis stock of each prize, by {@code campaign} and {@code prize}. */
    public static final String DRAW_STOCK = "surge.draw.stock";
    /** Counter of pending draws settled by the sweeper, by {@code settlement}. */
    public static final String DRAW_SETTLED = "surge.draw.settled";
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

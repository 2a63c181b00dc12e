package dev.surge.admin.service;

/** Names of the meters of the scheduled raffle reconciliation, the same locally (Prometheus) and in CloudWatch. */
public final class RaffleMetrics {

    /** Counter of stock units found drifted between Redis and MySQL (summed over prizes), by {@code campaign}. */
    public static final String DRIFT = "surge.raffle.drift";
    /** Counter of raffles compared by the schedule, by {@code outcome}: {@code in-line}, {@code drifted}, {@code failed}. */
    public static final String RECONCILED = "surge.raffle.reconciled";
    public static final String TAG_CAMPAIGN = "campaign";

    private RaffleMetrics() {
    }
}

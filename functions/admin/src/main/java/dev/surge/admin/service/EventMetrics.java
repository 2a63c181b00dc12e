package dev.surge.admin.service;

/** Names of the meters of the winner events' relay, the same locally (Prometheus) and in CloudWatch. */
public final class EventMetrics {

    /** Counter of events relayed, by {@code type} and {@code outcome} ({@code published}, {@code failed}). */
    public static final String RELAYED = "surge.events.relayed";
    /**
     * Counter of relay runs by {@code outcome}: {@code drained} (nothing left), {@code behind} (stopped by its
     * bounds with events waiting), {@code failed} (MySQL or the queue failed), {@code unconfigured}.
     */
    public static final String RUNS = "surge.events.runs";

    private EventMetrics() {
    }
}

package dev.surge.admin;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a run of the winner events' relay ended. */
public enum RelayOutcome {

    /** Nothing is left to publish. */
    DRAINED("drained"),
    /** The run's bounds stopped it with events waiting; the next run goes on. */
    BEHIND("behind"),
    /** MySQL or the queue failed, or the queue took only part of a batch. */
    FAILED("failed"),
    /** No queue is configured. */
    UNCONFIGURED("unconfigured");

    private final String wireName;

    RelayOutcome(String wireName) {
        this.wireName = wireName;
    }

    /** The outcome as answers and metrics name it. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * @throws IllegalArgumentException when the text names no outcome
     */
    public static RelayOutcome of(String wireName) {
        for (RelayOutcome outcome : values()) {
            if (outcome.wireName.equals(wireName)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no relay outcome " + wireName);
    }
}

package dev.surge.redpacket;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a grab ends for its caller. */
public enum GrabOutcome {

    /** The caller holds a share: taken now, or before (a repeat). */
    GRABBED("grabbed"),
    /** Every share is taken. */
    EMPTY("empty"), EXPIRED("expired"),
    /**
     * Something failed: nothing was taken, or, when Redis may have run the grab without answering in time, grabbing
     * again shows the share as a repeat.
     */
    TRY_LATER("try-later");

    private final String value;

    GrabOutcome(String value) {
        this.value = value;
    }

    /** The outcome as written on the wire. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The outcome written as {@code value}. */
    public static GrabOutcome of(String value) {
        for (GrabOutcome outcome : values()) {
            if (outcome.value.equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no grab outcome '" + value + "'");
    }
}

package dev.surge.redpacket;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the grab script decided, as it answers. */
public enum GrabTicketOutcome {

    GRABBED("grabbed"),
    /** The caller took a share before: the script gives back that share. */
    REPEAT("repeat"), EMPTY("empty"), EXPIRED("expired"),
    /** Redis does not know the packet. */
    UNKNOWN("unknown");

    private final String value;

    GrabTicketOutcome(String value) {
        this.value = value;
    }

    /** The outcome as written on the wire. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The outcome written as {@code value}. */
    public static GrabTicketOutcome of(String value) {
        for (GrabTicketOutcome outcome : values()) {
            if (outcome.value.equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no grab script outcome '" + value + "'");
    }
}

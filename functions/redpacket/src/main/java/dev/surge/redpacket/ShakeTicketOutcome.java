package dev.surge.redpacket;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the shake script decided, as it answers. */
public enum ShakeTicketOutcome {

    WON("won"), NONE("none"),
    /** The user has won all the packets they may. */
    LIMITED("limited"),
    /** The user is over the campaign's per-user rate limit on shakes: nothing was counted or taken. */
    RATE_LIMITED("rate-limited"), PAUSED("paused"), STOPPED("stopped"),
    /** Redis holds no such bucket. */
    UNKNOWN("unknown");

    private final String value;

    ShakeTicketOutcome(String value) {
        this.value = value;
    }

    /** The outcome as written on the wire. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The outcome written as {@code value}. */
    public static ShakeTicketOutcome of(String value) {
        for (ShakeTicketOutcome outcome : values()) {
            if (outcome.value.equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no shake script outcome '" + value + "'");
    }
}

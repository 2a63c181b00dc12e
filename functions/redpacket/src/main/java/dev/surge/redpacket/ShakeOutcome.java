package dev.surge.redpacket;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a shake ends for its caller. */
public enum ShakeOutcome {

    WON("won"), NONE("none"),
    /** The caller has won all they may. */
    LIMITED("limited"),
    /** An operator paused the rain. */
    PAUSED("paused"),
    /** The campaign is not running: not online, or outside its window. */
    CLOSED("closed"),
    /** A rule of the campaign refuses the caller. */
    INELIGIBLE("ineligible"),
    /** Something failed; nothing was taken. */
    TRY_LATER("try-later");

    private final String value;

    ShakeOutcome(String value) {
        this.value = value;
    }

    /** The outcome as written on the wire. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The outcome written as {@code value}. */
    public static ShakeOutcome of(String value) {
        for (ShakeOutcome outcome : values()) {
            if (outcome.value.equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no shake outcome '" + value + "'");
    }
}

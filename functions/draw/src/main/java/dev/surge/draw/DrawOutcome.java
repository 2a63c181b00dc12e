package dev.surge.draw;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a draw ends for its caller. */
public enum DrawOutcome {

    WON("won"),
    /** The ledger is still deciding; the result path tells later. */
    PENDING("pending"), LOST("lost"), SOLD_OUT("sold-out"),
    /** The user's participation limit. */
    LIMITED("limited"),
    /** The campaign's rules refused the user. */
    INELIGIBLE("ineligible"),
    /** Intercepted (or braked) before any stock was touched. */
    NOT_THIS_TIME("not-this-time"),
    /** Something failed: nothing was granted, nothing was taken. */
    TRY_LATER("try-later");

    private final String value;

    DrawOutcome(String value) {
        this.value = value;
    }

    /** The outcome as callers read it. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The outcome callers read as {@code value}. */
    public static DrawOutcome of(String value) {
        for (DrawOutcome outcome : values()) {
            if (outcome.value.equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no draw outcome '" + value + "'");
    }
}

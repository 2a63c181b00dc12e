package dev.surge.draw;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a draw won in Redis ends once the ledger has spoken. */
public enum Settlement {

    /** The grant is committed. */
    WON("won"),
    /** No grant: the unit of stock and the participation go back to Redis. */
    FAILED("failed"),
    /** No grant because MySQL holds no unit: the participation goes back, the unit does not. */
    EXHAUSTED("exhausted");

    private final String wire;

    Settlement(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The settlement the scripts read as {@code wire}. */
    public static Settlement of(String wire) {
        for (Settlement settlement : values()) {
            if (settlement.wire.equals(wire)) {
                return settlement;
            }
        }
        throw new IllegalArgumentException("no settlement '" + wire + "'");
    }
}

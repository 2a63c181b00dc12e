package dev.surge.draw.client;

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

    public String wire() {
        return wire;
    }
}

package dev.surge.qr;

/** What a code is made for: a caller waiting for it, or the pool's refill. */
public enum MintPurpose {

    /** A code made on the spot for a caller: may use the whole upstream limit. */
    LIVE("on-the-spot"),
    /** Refill: only what live demand leaves over. */
    REFILL("refill");

    private final String wire;

    MintPurpose(String wire) {
        this.wire = wire;
    }

    /** Its name in metrics. */
    public String wire() {
        return wire;
    }
}

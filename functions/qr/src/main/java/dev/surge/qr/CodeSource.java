package dev.surge.qr;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an allocation's code came from. */
public enum CodeSource {

    /** Pre-generated, taken from the pool. */
    POOL("pool"),
    /** Made for this request. */
    ON_THE_SPOT("on-the-spot"),
    /** An earlier answer to the same idempotency key. */
    REPLAY("replay"),
    /** The campaign's QR allocation is braked: no code of one's own, the pool's landing page. */
    LANDING_PAGE("landing-page");

    private final String wire;

    CodeSource(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static CodeSource of(String wire) {
        for (CodeSource source : values()) {
            if (source.wire.equals(wire)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown code source '" + wire + "'");
    }
}

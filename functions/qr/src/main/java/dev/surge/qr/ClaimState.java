package dev.surge.qr;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the allocation script did for one request, as it answers in Redis text. */
public enum ClaimState {

    /** A code taken from the pool. */
    POOLED("pooled"),
    /** A code made on the spot. */
    MINTED("minted"),
    /** The request already holds a code. */
    REPLAYED("replayed"),
    /** No code in the pool. */
    EMPTY("empty"),
    /** The user is over the campaign's per-user rate limit. */
    RATE_LIMITED("rate-limited"),
    /** The user has had the pool's daily cap. */
    CAPPED("capped");

    private final String wire;

    ClaimState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The state the script names {@code wire}. */
    public static ClaimState of(String wire) {
        for (ClaimState state : values()) {
            if (state.wire.equals(wire)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown claim state '" + wire + "'");
    }

    /** Whether the request holds a code after the script: false when nothing was taken. */
    public boolean holdsCode() {
        return switch (this) {
            case POOLED, MINTED, REPLAYED -> true;
            case EMPTY, RATE_LIMITED, CAPPED -> false;
        };
    }
}

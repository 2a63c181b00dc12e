package dev.surge.qr;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a refill of one pool stopped. */
public enum RefillStop {

    /** The pool reached its target, or the run its budget. */
    FULL("full"),
    /** The fleet-wide gate gave no upstream permit. */
    QUOTA("quota"),
    /** The upstream said it is over its rate limit. */
    UPSTREAM_LIMIT("upstream-limit"),
    /** A whole wave of codes failed. */
    FAILURES("failures"),
    /** The pool's issuer is not configured. */
    NOT_CONFIGURED("not-configured");

    private final String wire;

    RefillStop(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static RefillStop of(String wire) {
        for (RefillStop stop : values()) {
            if (stop.wire.equals(wire)) {
                return stop;
            }
        }
        throw new IllegalArgumentException("unknown refill stop '" + wire + "'");
    }
}

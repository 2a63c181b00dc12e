package dev.surge.draw;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the draw script decided, as it writes it in a draw's record and its reply. */
public enum TicketOutcome {

    /** Won in Redis; the ledger's grant is not confirmed yet. */
    PENDING("pending"), WON("won"), LOST("lost"), SOLD_OUT("sold-out"),
    /** The user is over a participation limit. */
    LIMITED("limited"),
    /** The campaign is over its rate: nothing was recorded. */
    THROTTLED("throttled"),
    /** The user is over the campaign's per-user rate limit: nothing was recorded or counted. */
    RATE_LIMITED("rate-limited"),
    /** No grant exists nor ever will: the draw was given back. */
    FAILED("failed"),
    /**
     * The user's stock bucket holds none of the picked prize and the others may: nothing was recorded, and the
     * store borrows from the other buckets before drawing again; never an answer.
     */
    BUCKET_EMPTY("bucket-empty");

    private final String wire;

    TicketOutcome(String wire) {
        this.wire = wire;
    }

    /** The outcome as the scripts write it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The outcome the scripts wrote as {@code wire}. */
    public static TicketOutcome of(String wire) {
        for (TicketOutcome outcome : values()) {
            if (outcome.wire.equals(wire)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no draw outcome '" + wire + "'");
    }
}

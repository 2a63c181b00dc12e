package dev.surge.draw;

/** What the ledger says about a grant. */
public enum GrantOutcome {
    /** The grant is committed: the user won. */
    GRANTED,
    /** The draw was voided by the sweeper before any grant committed: it will never be granted. */
    VOID,
    /** MySQL holds no unit of the prize: no grant was made. */
    OUT_OF_STOCK
}

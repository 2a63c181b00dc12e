package dev.surge.draw;

/**
 * MySQL did not answer in time after the commit was sent: the grant may or may not exist. Only the ledger
 * can tell later, so the draw stays pending until the sweeper settles it.
 */
public class LedgerUncertain extends RuntimeException {

    public LedgerUncertain(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

package dev.surge.draw;

/** The grant certainly does not exist: the transaction failed before its commit was sent, or rolled back. */
public class NoGrant extends RuntimeException {

    public NoGrant(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

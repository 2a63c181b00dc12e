package dev.surge.shared.rules;

/** A rule whose parameters make no sense; the admin API answers it with 400. */
public class InvalidRule extends RuntimeException {

    public InvalidRule(String message) {
        super(message, null, false, false);
    }
}

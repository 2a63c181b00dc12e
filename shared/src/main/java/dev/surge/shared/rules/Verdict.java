package dev.surge.shared.rules;

/** Outcome of one check, with a sentence a person can read. */
public record Verdict(boolean passed, String detail) {

    public static Verdict pass(String detail) {
        return new Verdict(true, detail);
    }

    public static Verdict fail(String detail) {
        return new Verdict(false, detail);
    }
}

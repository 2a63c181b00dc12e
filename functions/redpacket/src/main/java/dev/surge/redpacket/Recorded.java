package dev.surge.redpacket;

/** What became of writing a grab or a rain win into MySQL. */
public enum Recorded {
    /** Written by this call. */
    NOW,
    /** MySQL had it already (an earlier attempt, or the settle job, got there first). */
    BEFORE,
    /** MySQL holds something else for that share or user: a broken invariant, kept for an operator. */
    CONFLICT
}

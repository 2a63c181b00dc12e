package dev.surge.shared.rules;

import java.util.List;

/** A compiled rule, ready to judge one subject. */
public interface Check {

    /** The Redis facts the check needs about the subject; none when the token and request decide alone. */
    default List<Fact> facts(Subject subject) {
        return List.of();
    }

    /** Decides for the subject, given the facts it asked for. */
    Verdict test(Subject subject, Facts facts);
}

package dev.surge.shared.rules;

/** A value a check needs from Redis. All facts of one campaign live under the campaign's hash tag. */
public sealed interface Fact permits Fact.Membership, Fact.Count {

    String key();

    /** Whether {@code member} is in the set at {@code key}. */
    record Membership(String key, String member) implements Fact {
    }

    /** The number in field {@code field} of the hash at {@code key} (0 when absent). */
    record Count(String key, String field) implements Fact {
    }
}

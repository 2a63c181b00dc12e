package dev.surge.shared.rules;

import java.util.Map;

/** Fact values read for one decision. */
public final class Facts {

    public static final Facts NONE = new Facts(Map.of());

    private final Map<Fact, Long> values;

    public Facts(Map<Fact, Long> values) {
        this.values = values;
    }

    public boolean member(Fact.Membership fact) {
        return value(fact) != 0;
    }

    public long count(Fact.Count fact) {
        return value(fact);
    }

    private long value(Fact fact) {
        Long value = values.get(fact);
        if (value == null) {
            throw new IllegalStateException("fact was not read: " + fact);
        }
        return value;
    }
}

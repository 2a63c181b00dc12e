package dev.surge.shared.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How often one user may take part in a campaign. A null bound means unbounded.
 *
 * @param total times over the whole campaign
 * @param perDay times per calendar day in the campaign's time zone
 */
@RegisterForReflection
public record ParticipationLimit(Integer total, Integer perDay) {

    public static final ParticipationLimit NONE = new ParticipationLimit(null, null);

    public boolean bounded() {
        return total != null || perDay != null;
    }
}

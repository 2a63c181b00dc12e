package dev.surge.admin;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One operator change as the audit log keeps it.
 *
 * @param id increases with every entry; the cursor of the next page
 * @param actor the subject of the admin token that made the change
 * @param action what changed: {@code status}, or {@code switch:<name>} for a degrade switch
 * @param before the value before the change
 * @param after the value after it
 */
@RegisterForReflection
public record AuditEntry(long id, long campaignId, String actor, String action, String before, String after,
        Instant at) {
}

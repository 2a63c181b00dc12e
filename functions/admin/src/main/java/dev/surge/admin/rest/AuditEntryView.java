package dev.surge.admin.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.AuditEntry;

/**
 * One operator change as the audit route shows it.
 *
 * @param id increases with every entry; the cursor of the next page
 * @param actor the subject of the admin token that made the change
 * @param action what changed: {@code status}, or {@code switch:<name>} for a degrade switch
 * @param before the value before the change (JSON)
 * @param after the value after it (JSON)
 */
@RegisterForReflection
@Schema(name = "AuditEntry")
public record AuditEntryView(long id, long campaignId, String actor, String action, String before, String after,
        Instant at) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.campaignId(), entry.actor(), entry.action(), entry.before(),
                entry.after(), entry.at());
    }
}

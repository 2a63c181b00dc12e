package dev.surge.admin;

import java.time.Instant;
import java.util.Set;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.DrawSettings;

/**
 * A campaign as MySQL keeps it.
 *
 * @param degrades the degrade switches that are on
 * @param publishedVersion version of the last publish, 0 when never published
 * @param publishedAt when it was last published, null when never
 * @param rowVersion optimistic-locking counter of edits and status changes
 */
public record CampaignRow(long id, CampaignStatus status, CampaignFields fields, Set<Degrade> degrades,
        long publishedVersion, Instant publishedAt, long rowVersion, Instant createdAt, Instant updatedAt) {

    /** The snapshot the hot path reads, stamped with this row's published version. */
    public Campaign snapshot(DrawSettings draw) {
        return new Campaign(id, fields.name(), status, fields.startsAt(), fields.endsAt(), fields.zone(),
                fields.priority(), fields.limit(), fields.rules(), draw, fields.rateLimits(), degrades, publishedVersion);
    }
}

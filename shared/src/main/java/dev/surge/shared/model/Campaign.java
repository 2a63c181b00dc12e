package dev.surge.shared.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A campaign as published to Redis: everything the hot path needs to decide, stamped with the version
 * of the publish that wrote it.
 *
 * @param zone the time zone whose calendar days the per-day limit counts
 * @param priority higher wins when a user qualifies for several campaigns
 * @param draw the raffle, for campaigns that run one
 */
@RegisterForReflection
public record Campaign(
        long id,
        String name,
        CampaignStatus status,
        Instant startsAt,
        Instant endsAt,
        String zone,
        int priority,
        ParticipationLimit limit,
        List<Rule> rules,
        DrawSettings draw,
        long version) {

    public Campaign {
        limit = limit == null ? ParticipationLimit.NONE : limit;
        rules = rules == null ? List.of() : List.copyOf(rules);
        zone = zone == null ? "UTC" : zone;
    }

    /** A campaign without a raffle. */
    public Campaign(long id, String name, CampaignStatus status, Instant startsAt, Instant endsAt, String zone,
            int priority, ParticipationLimit limit, List<Rule> rules, long version) {
        this(id, name, status, startsAt, endsAt, zone, priority, limit, rules, null, version);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}

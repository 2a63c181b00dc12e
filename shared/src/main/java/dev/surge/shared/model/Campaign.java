package dev.surge.shared.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A campaign as published to Redis: everything the hot path needs to decide, stamped with the version
 * of the publish that wrote it.
 *
 * @param zone the time zone whose calendar days the per-day limit counts
 * @param priority higher wins when a user qualifies for several campaigns
 * @param draw the raffle, for campaigns that run one
 * @param rateLimits per-user rate limits of the draw, the shake and QR allocation; {@link RateLimits#NONE} when
 *        none is set
 * @param degrades the degrade switches that are on
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
        RateLimits rateLimits,
        Set<Degrade> degrades,
        long version) {

    public Campaign {
        degrades = degrades == null || degrades.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(degrades));
        limit = limit == null ? ParticipationLimit.NONE : limit;
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
        rules = rules == null ? List.of() : List.copyOf(rules);
        zone = zone == null ? "UTC" : zone;
    }

    /** A campaign without a raffle. */
    public Campaign(long id, String name, CampaignStatus status, Instant startsAt, Instant endsAt, String zone,
            int priority, ParticipationLimit limit, List<Rule> rules, long version) {
        this(id, name, status, startsAt, endsAt, zone, priority, limit, rules, null, RateLimits.NONE, version);
    }

    /** A campaign without rate limits. */
    public Campaign(long id, String name, CampaignStatus status, Instant startsAt, Instant endsAt, String zone,
            int priority, ParticipationLimit limit, List<Rule> rules, DrawSettings draw, long version) {
        this(id, name, status, startsAt, endsAt, zone, priority, limit, rules, draw, RateLimits.NONE, version);
    }

    /** A campaign with no degrade switch on. */
    public Campaign(long id, String name, CampaignStatus status, Instant startsAt, Instant endsAt, String zone,
            int priority, ParticipationLimit limit, List<Rule> rules, DrawSettings draw, RateLimits rateLimits,
            long version) {
        this(id, name, status, startsAt, endsAt, zone, priority, limit, rules, draw, rateLimits, Set.of(), version);
    }

    /** The same campaign with other rate limits. */
    public Campaign withRateLimits(RateLimits limits) {
        return new Campaign(id, name, status, startsAt, endsAt, zone, priority, limit, rules, draw, limits, degrades,
                version);
    }

    /** The same campaign with these degrade switches on. */
    public Campaign withDegrades(Set<Degrade> switches) {
        return new Campaign(id, name, status, startsAt, endsAt, zone, priority, limit, rules, draw, rateLimits,
                switches, version);
    }

    /** Whether the operator has that degrade switch on. */
    public boolean degraded(Degrade degrade) {
        return degrades.contains(degrade);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}

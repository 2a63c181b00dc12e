package dev.surge.admin;

import java.time.Instant;
import java.util.List;

import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.model.Rule;

/**
 * What an operator writes about a campaign: everything but its id, status and bookkeeping.
 *
 * @param zone IANA time zone whose calendar days the per-day limit counts
 * @param limit participation limit; {@link ParticipationLimit#NONE} when unbounded
 * @param rules the operator's rule chain, in order
 * @param rateLimits per-user rate limits; {@link RateLimits#NONE} when none is set
 */
public record CampaignFields(String name, Instant startsAt, Instant endsAt, String zone, int priority,
        ParticipationLimit limit, List<Rule> rules, RateLimits rateLimits) {

    public CampaignFields {
        limit = limit == null ? ParticipationLimit.NONE : limit;
        rules = rules == null ? List.of() : List.copyOf(rules);
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
    }

    /** Fields without rate limits. */
    public CampaignFields(String name, Instant startsAt, Instant endsAt, String zone, int priority,
            ParticipationLimit limit, List<Rule> rules) {
        this(name, startsAt, endsAt, zone, priority, limit, rules, RateLimits.NONE);
    }
}

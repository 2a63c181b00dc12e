package dev.surge.admin.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.CampaignFields;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.rules.RuleBook;

/**
 * A campaign as an operator creates or replaces it. Its status is changed through its own route, never here.
 *
 * @param zone IANA time zone whose calendar days the per-day limit counts; UTC when absent
 * @param priority higher wins when a user qualifies for several campaigns; 0 when absent
 * @param limit per-user participation limit; unbounded when absent
 * @param rateLimits per-user rate limits of draws, shakes and QR allocation; none when absent
 * @param rules the rule chain, in order
 */
@RegisterForReflection
@CampaignWindow
public record CampaignRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @TimeZoneName String zone,
        @Min(0) @Max(1000) Integer priority,
        @Valid Limit limit,
        @Size(max = RuleBook.MAX_RULES) List<@NotNull @Valid RuleSpec> rules,
        @Valid UserRateLimits rateLimits) {

    public static final String DEFAULT_ZONE = "UTC";

    public CampaignFields fields() {
        return new CampaignFields(name, startsAt, endsAt, zone == null ? DEFAULT_ZONE : zone,
                priority == null ? 0 : priority, limit == null ? ParticipationLimit.NONE : limit.participation(),
                rules == null ? List.of() : rules.stream().map(RuleSpec::rule).toList(),
                rateLimits == null ? RateLimits.NONE : rateLimits.limits());
    }
}

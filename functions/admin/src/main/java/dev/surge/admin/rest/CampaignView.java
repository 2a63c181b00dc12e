package dev.surge.admin.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.CampaignRow;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.Rule;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.rules.RuleWarning;

/**
 * A campaign as the admin API shows it.
 *
 * @param limit absent when the campaign has none
 * @param rateLimits per-user rate limits; absent when the campaign has none
 * @param switches the degrade switches that are on (see {@code /switches}); empty when none
 * @param publishedVersion version of the last publish (what the hot path runs), 0 when never published
 * @param publishedAt when it was last published; absent when never
 * @param revision changes with every edit and status change; send it back as If-Match to edit safely
 * @param warnings rules that are valid but rely on what the client says (channel, region); empty when none
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(long id, String name, CampaignStatus status, Instant startsAt, Instant endsAt,
        String zone, int priority, Limit limit, UserRateLimits rateLimits, List<String> switches, List<Rule> rules,
        long publishedVersion,
        Instant publishedAt,
        long revision, Instant createdAt, Instant updatedAt, List<RuleWarning> warnings) {

    public static CampaignView of(CampaignRow row, RuleBook rules) {
        var f = row.fields();
        return new CampaignView(row.id(), f.name(), row.status(), f.startsAt(), f.endsAt(), f.zone(), f.priority(),
                Limit.of(f.limit()), UserRateLimits.of(f.rateLimits()),
                row.degrades().stream().sorted().map(Degrade::wireName).toList(), f.rules(), row.publishedVersion(),
                row.publishedAt(),
                row.rowVersion(),
                row.createdAt(), row.updatedAt(), rules.warnings(f.rules()));
    }
}

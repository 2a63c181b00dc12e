package dev.surge.shared.rules.kinds;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/** Implied second check: the campaign runs from its start (inclusive) to its end (exclusive). */
@ApplicationScoped
public class CampaignWindowRule implements RuleKind {

    @Override
    public String name() {
        return RuleBook.CAMPAIGN_WINDOW;
    }

    @Override
    public Check compile(JsonNode params, RuleScope scope) {
        Instant start = scope.campaign().startsAt();
        Instant end = scope.campaign().endsAt();
        return (subject, facts) -> {
            if (subject.now().isBefore(start)) {
                return Verdict.fail("campaign starts at " + start);
            }
            if (!subject.now().isBefore(end)) {
                return Verdict.fail("campaign ended at " + end);
            }
            return Verdict.pass("within the campaign window");
        };
    }
}

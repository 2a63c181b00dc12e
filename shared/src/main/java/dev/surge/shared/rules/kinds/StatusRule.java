package dev.surge.shared.rules.kinds;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/** Implied first check: only an online campaign admits anyone. */
@ApplicationScoped
public class StatusRule implements RuleKind {

    @Override
    public String name() {
        return RuleBook.STATUS;
    }

    @Override
    public Check compile(JsonNode params, RuleScope scope) {
        CampaignStatus status = scope.campaign().status();
        Verdict verdict = status == CampaignStatus.ONLINE
                ? Verdict.pass("campaign is online")
                : Verdict.fail("campaign is " + status.wireName());
        return (subject, facts) -> verdict;
    }
}

package dev.surge.eligibility.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.eligibility.EligibilityDecision;

/**
 * The answer: whether the user may take part, in which campaign, and why each considered campaign took or
 * refused them.
 *
 * @param campaignId the chosen campaign, absent when none takes the user
 * @param policy how the chosen campaign was picked among several
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(boolean eligible, String userId, Long campaignId, String policy, List<Considered> campaigns) {

    /** The answer telling a decision. */
    public static Decision of(EligibilityDecision decision) {
        return new Decision(decision.eligible(), decision.userId(), decision.campaignId(), decision.policy(),
                decision.campaigns().stream().map(Considered::of).toList());
    }

    /**
     * One considered campaign.
     *
     * @param rule the rule kind that refused the user, absent when the campaign takes them
     * @param ruleIndex that rule's position in the campaign's rule chain, absent for implied checks
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Considered(long campaignId, String name, int priority, boolean eligible, boolean chosen, String rule,
            Integer ruleIndex, String reason) {

        static Considered of(EligibilityDecision.Considered c) {
            return new Considered(c.campaignId(), c.name(), c.priority(), c.eligible(), c.chosen(), c.rule(),
                    c.ruleIndex(), c.reason());
        }
    }
}

package dev.surge.eligibility;

import java.util.List;

/**
 * Whether the user may take part, in which campaign, and why each considered campaign took or refused them.
 *
 * @param campaignId the chosen campaign, null when none takes the user
 * @param policy how the chosen campaign was picked among several
 */
public record EligibilityDecision(boolean eligible, String userId, Long campaignId, String policy,
        List<Considered> campaigns) {

    /**
     * One considered campaign.
     *
     * @param rule the rule kind that refused the user, null when the campaign takes them
     * @param ruleIndex that rule's position in the campaign's rule chain, null for implied checks
     */
    public record Considered(long campaignId, String name, int priority, boolean eligible, boolean chosen, String rule,
            Integer ruleIndex, String reason) {
    }
}

package dev.surge.shared.rules;

import dev.surge.shared.model.Campaign;

/**
 * How one campaign judged one subject.
 *
 * @param decidedBy the kind of the first check that failed, or null when every check passed
 * @param ruleIndex that check's position among the operator's rules (null for implied checks)
 */
public record CampaignVerdict(Campaign campaign, boolean eligible, String decidedBy, Integer ruleIndex, String detail) {

    public static CampaignVerdict eligible(Campaign campaign) {
        return new CampaignVerdict(campaign, true, null, null, "every rule passed");
    }

    public static CampaignVerdict rejected(Campaign campaign, CompiledCampaign.Link link, Verdict verdict) {
        return new CampaignVerdict(campaign, false, link.kind(), link.ruleIndex(), verdict.detail());
    }
}

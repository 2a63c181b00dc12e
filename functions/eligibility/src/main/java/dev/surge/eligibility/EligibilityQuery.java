package dev.surge.eligibility;

import java.util.List;

import dev.surge.shared.model.RequestAttributes;

/**
 * What a caller asks: may they take part, among which campaigns. Who the caller is never comes from here.
 *
 * @param campaignIds campaigns to consider; all published campaigns when empty
 * @param attributes what the request says about itself, for the campaigns' rules
 */
public record EligibilityQuery(List<Long> campaignIds, RequestAttributes attributes) {

    public EligibilityQuery {
        campaignIds = campaignIds == null ? List.of() : campaignIds;
        attributes = attributes == null ? RequestAttributes.NONE : attributes;
    }
}

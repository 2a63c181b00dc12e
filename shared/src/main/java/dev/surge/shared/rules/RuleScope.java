package dev.surge.shared.rules;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.redis.CampaignKeys;

/** What a rule may know while compiling: its campaign and the campaign's Redis keys. */
public record RuleScope(Campaign campaign, CampaignKeys keys) {
}

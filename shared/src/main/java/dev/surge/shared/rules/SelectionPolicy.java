package dev.surge.shared.rules;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import dev.surge.shared.model.Campaign;

/**
 * Which campaign a user gets when several would take them: the highest priority, then the one ending
 * soonest (its chance runs out first), then the lowest id so the answer is always the same.
 */
public final class SelectionPolicy {

    public static final String STATEMENT = "highest priority, then earliest end, then lowest id";

    public static final Comparator<Campaign> ORDER = Comparator.comparingInt(Campaign::priority)
            .reversed()
            .thenComparing(Campaign::endsAt)
            .thenComparingLong(Campaign::id);

    private SelectionPolicy() {
    }

    public static Optional<CampaignVerdict> choose(Collection<CampaignVerdict> verdicts) {
        return verdicts.stream()
                .filter(CampaignVerdict::eligible)
                .min(Comparator.comparing(CampaignVerdict::campaign, ORDER));
    }
}

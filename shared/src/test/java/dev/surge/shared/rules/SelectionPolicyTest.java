package dev.surge.shared.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;

class SelectionPolicyTest {

    private static CampaignVerdict eligible(long id, int priority, String end) {
        return CampaignVerdict.eligible(new Campaign(id, "c", CampaignStatus.ONLINE, Instant.EPOCH, Instant.parse(end),
                "UTC", priority, null, null, 1));
    }

    @Test
    void priorityWinsThenEarliestEndThenLowestId() {
        CampaignVerdict a = eligible(3, 5, "2030-01-01T00:00:00Z");
        CampaignVerdict b = eligible(2, 9, "2030-06-01T00:00:00Z");
        CampaignVerdict c = eligible(9, 9, "2030-03-01T00:00:00Z");
        CampaignVerdict d = eligible(7, 9, "2030-03-01T00:00:00Z");
        assertEquals(7, SelectionPolicy.choose(List.of(a, b, c, d)).orElseThrow().campaign().id());
        assertEquals(9, SelectionPolicy.choose(List.of(a, b, c)).orElseThrow().campaign().id());
        assertEquals(2, SelectionPolicy.choose(List.of(a, b)).orElseThrow().campaign().id());
    }

    @Test
    void noEligibleCampaignChoosesNothing() {
        Campaign campaign = new Campaign(1, "c", CampaignStatus.PAUSED, Instant.EPOCH, Instant.MAX, "UTC", 1, null, null,
                1);
        CampaignVerdict refused = new CampaignVerdict(campaign, false, "status", null, "campaign is paused");
        assertTrue(SelectionPolicy.choose(List.of(refused)).isEmpty());
    }
}

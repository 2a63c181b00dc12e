package dev.surge.eligibility;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Rule;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.Publications;

/** When several campaigns would take a user: priority, then earliest end, then lowest id; reasons for all. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class SelectionTest {

    @Inject
    Publications publications;

    private Campaign publish(long id, int priority, Duration endsIn, Rule... rules) {
        Instant now = Instant.now();
        return publications.publish(new Campaign(id, "c" + id, CampaignStatus.ONLINE, now.minusSeconds(3600),
                now.plus(endsIn), "UTC", priority, ParticipationLimit.NONE, List.of(rules), 1));
    }

    @Test
    void highestPriorityThenEarliestEndThenLowestId() throws Exception {
        long low = Publications.newId();
        long lateEnd = Publications.newId();
        long soonEnd = Publications.newId();
        long sameEndHigherId = Publications.newId();
        long blocked = Publications.newId();
        Duration soon = Duration.ofHours(5);
        publish(low, 5, Duration.ofHours(1));
        publish(lateEnd, 10, Duration.ofDays(3));
        Campaign chosen = publish(soonEnd, 10, soon);
        publications.publish(new Campaign(sameEndHigherId, "twin", CampaignStatus.ONLINE, chosen.startsAt(),
                chosen.endsAt(), "UTC", 10, ParticipationLimit.NONE, List.of(), 1));
        publish(blocked, 50, Duration.ofDays(1),
                new Rule("block-list", new ObjectMapper().readTree("{\"list\":\"fraud\"}")));
        publications.addToList(blocked, "fraud", "sel-user");

        Ask.as("sel-user", Ask.campaigns(low, lateEnd, soonEnd, sameEndHigherId, blocked))
                .statusCode(200)
                .body("eligible", equalTo(true))
                .body("campaignId", equalTo((int) soonEnd))
                .body("policy", equalTo("highest priority, then earliest end, then lowest id"))
                // Listed in policy order: the refused high-priority campaign first, with its reason.
                .body("campaigns.campaignId", equalTo(List.of((int) blocked, (int) soonEnd, (int) sameEndHigherId,
                        (int) lateEnd, (int) low)))
                .body("campaigns[0].eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("block-list"))
                .body("campaigns[0].reason", equalTo("on block-list 'fraud'"))
                .body("campaigns[1].chosen", equalTo(true))
                .body("campaigns[2].chosen", equalTo(false))
                .body("campaigns[2].eligible", equalTo(true))
                .body("campaigns[2].reason", containsString("campaign " + soonEnd + " comes first"));
    }

    @Test
    void noCampaignTakesTheUser() throws Exception {
        long a = Publications.newId();
        long b = Publications.newId();
        publish(a, 1, Duration.ofDays(1), new Rule("channel", new ObjectMapper().readTree("{\"anyOf\":[\"app\"]}")));
        publish(b, 2, Duration.ofDays(1), new Rule("allow-list", new ObjectMapper().readTree("{\"list\":\"vip\"}")));
        Ask.as("nobody", Ask.campaign(a, "\"channel\":\"h5\"").replace("[" + a + "]", "[" + a + "," + b + "]"))
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("campaignId", equalTo(null))
                .body("campaigns.rule", equalTo(List.of("allow-list", "channel")));
    }

    @Test
    void withoutIdsEveryPublishedCampaignIsConsidered() {
        long top = Publications.newId();
        long other = Publications.newId();
        publish(top, 1000, Duration.ofDays(1));
        publish(other, 0, Duration.ofDays(1));
        Ask.as("everyone", "{}")
                .statusCode(200)
                .body("campaignId", equalTo((int) top))
                .body("campaigns.campaignId", hasItems((int) top, (int) other));
    }
}

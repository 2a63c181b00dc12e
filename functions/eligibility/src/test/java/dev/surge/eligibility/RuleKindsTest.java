package dev.surge.eligibility;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Prize;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.model.Rule;
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClock;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.TestTokens;

/** Every rule kind, passing and failing, at its boundaries, against the real local Redis. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class RuleKindsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Publications publications;

    private final MovableClock clock = MovableClockProducer.clockInUse();

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private long publish(Rule... rules) {
        return publications.publish(Publications.online(Publications.newId(), 1, rules)).id();
    }

    private static Rule rule(String kind, String params) {
        try {
            return new Rule(kind, JSON.readTree(params));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void statusOtherThanOnlineRefuses() {
        Campaign base = Publications.online(Publications.newId(), 1);
        for (CampaignStatus status : List.of(CampaignStatus.DRAFT, CampaignStatus.PAUSED, CampaignStatus.ENDED)) {
            publications.publish(new Campaign(base.id(), base.name(), status, base.startsAt(), base.endsAt(), "UTC", 1,
                    ParticipationLimit.NONE, List.of(), base.version() + status.ordinal()));
            Ask.as("u-status", Ask.campaigns(base.id()))
                    .statusCode(200)
                    .body("eligible", equalTo(false))
                    .body("campaigns[0].rule", equalTo("status"))
                    .body("campaigns[0].reason", equalTo("campaign is " + status.wireName()));
        }
    }

    @Test
    void campaignWindowStartIsInclusiveAndEndExclusive() {
        Instant start = Instant.parse("2030-03-01T00:00:00Z");
        Instant end = Instant.parse("2030-03-02T00:00:00Z");
        long id = Publications.newId();
        publications.publish(new Campaign(id, "window", CampaignStatus.ONLINE, start, end, "UTC", 1,
                ParticipationLimit.NONE, List.of(), 1));
        clock.pin(start.minusMillis(1));
        Ask.as("u-w", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule",
                        equalTo("campaign-window"));
        clock.pin(start);
        Ask.as("u-w", Ask.campaigns(id)).body("eligible", equalTo(true));
        clock.pin(end.minusMillis(1));
        Ask.as("u-w", Ask.campaigns(id)).body("eligible", equalTo(true));
        clock.pin(end);
        Ask.as("u-w", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].reason", containsString("ended"));
    }

    @Test
    void timeWindowWithDailyHoursInCampaignZone() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        long id = Publications.newId();
        // 20:00–22:00 in Shanghai (UTC+8) is 12:00–14:00 UTC.
        publications.publish(new Campaign(id, "evening", CampaignStatus.ONLINE, start, start.plus(Duration.ofDays(30)),
                "Asia/Shanghai", 1, ParticipationLimit.NONE,
                List.of(rule("time-window",
                        "{\"from\":\"2030-01-02T00:00:00Z\",\"dailyFrom\":\"20:00\",\"dailyTo\":\"22:00\"}")),
                1));
        clock.pin(Instant.parse("2030-01-01T12:30:00Z"));
        Ask.as("u-t", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("time-window"))
                .body("campaigns[0].ruleIndex", equalTo(0))
                .body("campaigns[0].reason", containsString("opens at"));
        clock.pin(Instant.parse("2030-01-03T11:59:59Z"));
        Ask.as("u-t", Ask.campaigns(id)).body("eligible", equalTo(false));
        clock.pin(Instant.parse("2030-01-03T12:00:00Z"));
        Ask.as("u-t", Ask.campaigns(id)).body("eligible", equalTo(true));
        clock.pin(Instant.parse("2030-01-03T13:59:59Z"));
        Ask.as("u-t", Ask.campaigns(id)).body("eligible", equalTo(true));
        clock.pin(Instant.parse("2030-01-03T14:00:00Z"));
        Ask.as("u-t", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].reason", containsString("daily 20:00–22:00"));
    }

    @Test
    void allowListAdmitsOnlyMembers() {
        long id = publish(rule("allow-list", "{\"list\":\"vip\"}"));
        publications.addToList(id, "vip", "alice");
        Ask.as("alice", Ask.campaigns(id)).body("eligible", equalTo(true));
        Ask.as("bob", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("allow-list"))
                .body("campaigns[0].reason", equalTo("not on allow-list 'vip'"));
    }

    @Test
    void blockListRefusesMembers() {
        long id = publish(rule("block-list", "{\"list\":\"fraud\"}"));
        publications.addToList(id, "fraud", "mallory");
        Ask.as("mallory", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("block-list"));
        Ask.as("alice", Ask.campaigns(id)).body("eligible", equalTo(true));
    }

    @Test
    void segmentAdmitsMembersOfAnyListedSegment() {
        long id = publish(rule("segment", "{\"anyOf\":[\"students\",\"teachers\"]}"));
        publications.addToList(id, "teachers", "tom");
        Ask.as("tom", Ask.campaigns(id)).body("eligible", equalTo(true));
        Ask.as("sam", Ask.campaigns(id)).body("eligible", equalTo(false)).body("campaigns[0].rule", equalTo("segment"));
    }

    @Test
    void newUserBoundaryIsInclusive() {
        long id = publish(rule("new-user", "{\"registeredAfter\":\"2026-06-01T00:00:00Z\"}"));
        long since = Instant.parse("2026-06-01T00:00:00Z").getEpochSecond();
        Ask.as("new", Map.of("registered_at", since), Ask.campaigns(id)).body("eligible", equalTo(true));
        Ask.as("old", Map.of("registered_at", since - 1), Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("new-user"));
        Ask.as("unknown", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].reason", equalTo("registration time unknown"));
    }

    @Test
    void userTagsFromTheTokenNotTheBody() {
        long id = publish(rule("user-tags", "{\"anyOf\":[\"vip\",\"gold\"],\"noneOf\":[\"banned\"]}"));
        Ask.as("t1", Map.of("tags", List.of("gold")), Ask.campaigns(id)).body("eligible", equalTo(true));
        Ask.as("t2", Map.of("tags", List.of("silver")), Ask.campaigns(id)).body("eligible", equalTo(false));
        Ask.as("t3", Map.of("tags", List.of("vip", "banned")), Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].reason", containsString("excluded"));
        // Tags in the body are not a way in: the field is unknown to the API.
        Ask.as("t4", "{\"campaignIds\":[" + id + "],\"tags\":[\"vip\"]}").statusCode(400);
    }

    @Test
    void channelAndRegionComeFromTheRequest() {
        long id = publish(rule("channel", "{\"anyOf\":[\"app\"]}"), rule("region", "{\"anyOf\":[\"CN-31\"]}"));
        Ask.as("c1", Ask.campaign(id, "\"channel\":\"APP\",\"region\":\"cn-31\"")).body("eligible", equalTo(true));
        Ask.as("c2", Ask.campaign(id, "\"channel\":\"h5\",\"region\":\"CN-31\""))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("channel"));
        Ask.as("c3", Ask.campaign(id, "\"channel\":\"app\",\"region\":\"CN-11\""))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("region"))
                .body("campaigns[0].ruleIndex", equalTo(1));
        Ask.as("c4", Ask.campaign(id, "\"region\":\"CN-31\""))
                .body("eligible", equalTo(false))
                .body("campaigns[0].reason", equalTo("channel not given"));
    }

    @Test
    void minimumOrderAmountIsInclusiveAndSigned() {
        long id = publish(rule("min-order-amount", "{\"cents\":5000}"));
        Ask.signed("o1", TestTokens.attributes("o1", 5000), Ask.campaigns(id)).body("eligible", equalTo(true));
        Ask.signed("o2", TestTokens.attributes("o2", 4999), Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("min-order-amount"));
        Ask.as("o3", Ask.campaigns(id)).body("eligible", equalTo(false));
        // The body's amount is the client's word: no longer enough (see SignedAttributesTest).
        Ask.as("o4", Ask.campaign(id, "\"orderAmountCents\":5000"))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("min-order-amount"));
    }

    @Test
    void phonePrefixFromTheToken() {
        long id = publish(rule("phone-prefix", "{\"anyOf\":[\"+86138\",\"+86139\"]}"));
        Ask.as("p1", Map.of("phone_number", "+8613912345678"), Ask.campaigns(id)).body("eligible", equalTo(true));
        Ask.as("p2", Map.of("phone_number", "+8615012345678"), Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("phone-prefix"));
        Ask.as("p3", Ask.campaigns(id)).body("eligible", equalTo(false));
    }

    @Test
    void participationLimitCountsTotalAndPerDayWithDayRollover() {
        long id = Publications.newId();
        Instant start = Instant.parse("2030-05-01T00:00:00Z");
        publications.publish(new Campaign(id, "limited", CampaignStatus.ONLINE, start, start.plus(Duration.ofDays(10)),
                "Asia/Shanghai", 1, new ParticipationLimit(3, 1), List.of(), 1));
        // 2030-05-02 15:59:59 UTC is 23:59:59 on May 2 in Shanghai; one second later it is May 3 there.
        clock.pin(Instant.parse("2030-05-02T15:59:59Z"));
        Ask.as("lim", Ask.campaigns(id)).body("eligible", equalTo(true));
        publications.participated(id, "lim", CampaignKeys.TOTAL_FIELD, 1);
        publications.participated(id, "lim", "day:2030-05-02", 1);
        Ask.as("lim", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("participation-limit"))
                .body("campaigns[0].ruleIndex", nullValue())
                .body("campaigns[0].reason", containsString("today"));
        clock.pin(Instant.parse("2030-05-02T16:00:00Z"));
        Ask.as("lim", Ask.campaigns(id)).body("eligible", equalTo(true));
        publications.participated(id, "lim", CampaignKeys.TOTAL_FIELD, 3);
        Ask.as("lim", Ask.campaigns(id))
                .body("eligible", equalTo(false))
                .body("campaigns[0].reason", containsString("campaign's limit"));
    }

    @Test
    void firstFailingRuleInChainOrderDecides() {
        long id = publish(rule("channel", "{\"anyOf\":[\"app\"]}"), rule("block-list", "{\"list\":\"fraud\"}"));
        publications.addToList(id, "fraud", "eve");
        // Both rules fail for eve on h5; the earlier one is reported, and no Redis fact was needed to say so.
        Ask.as("eve", Ask.campaign(id, "\"channel\":\"h5\"")).body("campaigns[0].rule", equalTo("channel"));
        Ask.as("eve", Ask.campaign(id, "\"channel\":\"app\"")).body("campaigns[0].rule", equalTo("block-list"));
    }

    @Test
    void aRaffleOverStockBucketsReadsItsListsAndItsUsersParticipationFromTwoSlots() {
        long id = Publications.newId();
        Instant now = Instant.now();
        // The block-list lives under the campaign's tag, the participation counters in the user's stock bucket.
        publications.publish(new Campaign(id, "bucketed raffle", CampaignStatus.ONLINE, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), "UTC", 1, new ParticipationLimit(1, null),
                List.of(rule("block-list", "{\"list\":\"fraud\"}")),
                new DrawSettings(0, 1, List.of(new Prize(1, "mug", 1)), 3), RateLimits.NONE, 1));
        publications.addToList(id, "fraud", "eve");
        Ask.as("bucketed", Ask.campaigns(id)).statusCode(200).body("eligible", equalTo(true));
        Ask.as("eve", Ask.campaigns(id)).statusCode(200).body("campaigns[0].rule", equalTo("block-list"));
        publications.participated(id, 3, "bucketed", CampaignKeys.TOTAL_FIELD, 1);
        Ask.as("bucketed", Ask.campaigns(id))
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("participation-limit"));
    }
}

package dev.surge.redpacket;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.surge.redpacket.service.RainService;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Rule;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.Sql;
import dev.surge.shared.testing.TestTokens;

/**
 * The rain obeys its campaign as published: only an online campaign within its window takes shakes, a paused or
 * ended one refuses them within 2 s of the publish (measured), its rules (a block-list) keep users out, and a
 * rain is started only for a published campaign that has not ended. Production catalog and fault-tolerance values.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class RainCampaignTest {

    /** The bound on a publish reaching the shakes. */
    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final String LIST_READS = "dev.surge.shared.rules.FactReader.read";
    private static final String SHAKE_SCRIPT = "dev.surge.redpacket.redis.RainStore.shake";

    @Inject
    RainService service;

    @Inject
    Rains rains;

    @Inject
    Publications publications;

    @Inject
    Packets packets;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void releaseClock() {
        MovableClockProducer.clockInUse().release();
    }

    private ShakeResult shake(String user, long campaignId) {
        return Packets.await(service.shake(Packets.user(user), campaignId));
    }

    /** Calls of a guarded Redis site so far, however they ended. */
    private long calls(String site) {
        return registry.find("surge.dependency.calls").tag("site", site).timers().stream().mapToLong(Timer::count).sum();
    }

    /** Polls shakes until one is answered as {@code wanted} wants, and says how long that took. */
    private Duration untilAnswered(long campaignId, ShakeOutcome outcome, boolean wanted, Instant since) {
        await().atMost(BOUND.plusSeconds(3))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> outcome.equals(shake("poller", campaignId).outcome()) == wanted);
        return Duration.between(since, Instant.now());
    }

    @Test
    void pausingOrEndingTheCampaignStopsShakesWithinTwoSecondsAndResumingRestoresThem() {
        Campaign campaign = rains.campaign();
        long id = campaign.id();
        Packets.await(service.start(id, new StartRain(5000, 1L, null, null, 1000, null, 4, 1000)));
        await().atMost(Duration.ofSeconds(5)).until(() -> ShakeOutcome.WON.equals(shake("early", id).outcome()));

        Instant published = Instant.now();
        publications.publish(Rains.republished(campaign, CampaignStatus.PAUSED, 2));
        Duration seen = untilAnswered(id, ShakeOutcome.CLOSED, true, published);
        assertTrue(seen.compareTo(BOUND) < 0, "pause seen after " + seen);
        long handed = rains.handed(id, 4);
        long scripts = calls(SHAKE_SCRIPT);
        for (int u = 0; u < 50; u++) {
            ShakeResult answer = shake("paused-" + u, id);
            assertEquals(ShakeOutcome.CLOSED, answer.outcome());
            assertEquals("status", answer.rule());
        }
        assertEquals(handed, rains.handed(id, 4));
        // Refused in-process: a paused campaign costs Redis nothing.
        assertEquals(scripts, calls(SHAKE_SCRIPT));

        Instant resumed = Instant.now();
        publications.publish(Rains.republished(campaign, CampaignStatus.ONLINE, 3));
        Duration back = untilAnswered(id, ShakeOutcome.CLOSED, false, resumed);
        assertTrue(back.compareTo(BOUND) < 0, "resume seen after " + back);
        List<ShakeOutcome> outcomes = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            outcomes.add(shake("back-" + u, id).outcome());
        }
        assertTrue(outcomes.contains(ShakeOutcome.WON), "after the resume: " + outcomes);

        Instant ended = Instant.now();
        publications.publish(Rains.republished(campaign, CampaignStatus.ENDED, 4));
        Duration over = untilAnswered(id, ShakeOutcome.CLOSED, true, ended);
        assertTrue(over.compareTo(BOUND) < 0, "end seen after " + over);
        handed = rains.handed(id, 4);
        for (int u = 0; u < 50; u++) {
            assertEquals(ShakeOutcome.CLOSED, shake("ended-" + u, id).outcome());
        }
        assertEquals(handed, rains.handed(id, 4));
        given().auth()
                .oauth2(TestTokens.user("ended-http"))
                .post("/v1/campaigns/" + id + "/shake")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("closed"))
                .body("rule", equalTo("status"))
                .body("message", equalTo("campaign is ended"));
    }

    @Test
    void theShakesNoneSwitchFindsNothingWithinTwoSecondsAndTakesNothing() {
        Campaign campaign = rains.campaign();
        long id = campaign.id();
        Packets.await(service.start(id, new StartRain(5000, 1L, null, null, 1000, null, 4, 1000)));
        await().atMost(Duration.ofSeconds(5)).until(() -> ShakeOutcome.WON.equals(shake("early", id).outcome()));

        Instant braked = Instant.now();
        publications.publish(Rains.republished(campaign, CampaignStatus.ONLINE, 2)
                .withDegrades(Set.of(Degrade.SHAKES_NONE)));
        // Seen once ten shakes by fresh users in a row find nothing without reaching the shake script.
        await().atMost(BOUND.plusSeconds(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
            long before = calls(SHAKE_SCRIPT);
            for (int i = 0; i < 10; i++) {
                if (!ShakeOutcome.NONE.equals(shake("poller-" + System.nanoTime(), id).outcome())) {
                    return false;
                }
            }
            return calls(SHAKE_SCRIPT) == before;
        });
        Duration seen = Duration.between(braked, Instant.now());
        assertTrue(seen.compareTo(BOUND) < 0, "switch seen after " + seen);
        long handed = rains.handed(id, 4);
        long scripts = calls(SHAKE_SCRIPT);
        for (int u = 0; u < 50; u++) {
            assertEquals(ShakeOutcome.NONE, shake("braked-" + u, id).outcome());
        }
        assertEquals(handed, rains.handed(id, 4), "the brake hands out nothing");
        assertEquals(scripts, calls(SHAKE_SCRIPT), "answered in-process");

        Instant released = Instant.now();
        publications.publish(Rains.republished(campaign, CampaignStatus.ONLINE, 3));
        await().atMost(BOUND.plusSeconds(3))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ShakeOutcome.WON.equals(shake("back-" + System.nanoTime(), id).outcome()));
        Duration back = Duration.between(released, Instant.now());
        assertTrue(back.compareTo(BOUND) < 0, "release seen after " + back);
    }

    @Test
    void aBlockListedUserCannotShake() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MovableClockProducer.clockInUse().pin(now);
        long id = rains.campaignId(new Rule("block-list", JsonNodeFactory.instance.objectNode().put("list", "fraud")));
        publications.addToList(id, "fraud", "mallory");
        Packets.await(service.start(id, new StartRain(200, 5L, null, null, 100, now, 1, 3)));
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(2));

        for (int i = 0; i < 5; i++) {
            ShakeResult answer = shake("mallory", id);
            assertEquals(ShakeOutcome.INELIGIBLE, answer.outcome());
            assertEquals("block-list", answer.rule());
        }
        assertEquals(0, rains.handed(id, 1));
        for (int i = 0; i < 3; i++) {
            assertEquals(ShakeOutcome.WON, shake("alice", id).outcome());
        }
        given().auth()
                .oauth2(TestTokens.user("mallory"))
                .post("/v1/campaigns/" + id + "/shake")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("ineligible"))
                .body("rule", equalTo("block-list"));
        assertEquals(3, rains.handed(id, 1));
        assertEquals(0, Sql.number(packets.database(),
                "SELECT COUNT(*) FROM rain_win WHERE campaign_id = " + id + " AND user_id = 'mallory'"));
    }

    @Test
    void listsAreReadOnlyForShakesThatReachTheBucket() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MovableClockProducer.clockInUse().pin(now);
        long id = rains.campaignId(new Rule("block-list", JsonNodeFactory.instance.objectNode().put("list", "fraud")));
        // One packet a second in one bucket: the first shake learns when the next comes, the rest wait locally.
        Packets.await(service.start(id, new StartRain(10, 5L, null, null, 1, now, 1, 1)));
        long reads = calls(LIST_READS);
        for (int u = 0; u < 30; u++) {
            assertEquals(ShakeOutcome.NONE, shake("waiting-" + u, id).outcome());
        }
        assertEquals(reads + 1, calls(LIST_READS));

        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(1));
        assertEquals(ShakeOutcome.WON, shake("first", id).outcome());
        assertEquals(reads + 2, calls(LIST_READS));

        long plain = rains.campaignId();
        Packets.await(service.start(plain, new StartRain(10, 5L, null, null, 100, now, 1, 1)));
        for (int u = 0; u < 5; u++) {
            shake("plain-" + u, plain);
        }
        assertEquals(reads + 2, calls(LIST_READS), "a campaign without list rules reads none");
    }

    @Test
    void draftAndUnknownCampaignsTakeNoShakes() {
        Campaign draft = Rains.republished(Publications.online(Publications.newId(), 0), CampaignStatus.DRAFT, 1);
        rains.publish(draft);
        Packets.await(service.start(draft.id(), new StartRain(10, 5L, null, null, 100, null, 1, 1)));
        ShakeResult answer = shake("early-bird", draft.id());
        assertEquals(ShakeOutcome.CLOSED, answer.outcome());
        assertEquals("status", answer.rule());

        Instant now = Instant.now();
        Campaign later = new Campaign(Publications.newId(), "later", CampaignStatus.ONLINE, now.plus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), "UTC", 0, ParticipationLimit.NONE, List.of(), 1);
        rains.publish(later);
        Packets.await(service.start(later.id(), new StartRain(10, 5L, null, null, 100, null, 1, 1)));
        assertEquals("campaign-window", shake("early-bird", later.id()).rule());
        assertEquals(0, rains.handed(draft.id(), 1) + rains.handed(later.id(), 1));

        long unknown = Publications.newId();
        given().auth()
                .oauth2(TestTokens.user("lost"))
                .post("/v1/campaigns/" + unknown + "/shake")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse startOverHttp(long campaignId) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"totalPackets\":20,\"amountCents\":5,\"ratePerSecond\":10,\"buckets\":2,\"perUserMax\":1}")
                .post("/admin/v1/campaigns/" + campaignId + "/rain")
                .then()
                .log()
                .ifValidationFails();
    }

    private void assertNoRain(long campaignId) {
        assertEquals(0, Sql.number(packets.database(), "SELECT COUNT(*) FROM rain WHERE campaign_id = " + campaignId));
        assertEquals(List.of(), rains.rainKeys(campaignId));
    }

    @Test
    void aRainStartsOnlyForAPublishedCampaignThatHasNotEnded() {
        long unknown = Publications.newId();
        startOverHttp(unknown).statusCode(404).contentType("application/problem+json");
        assertNoRain(unknown);

        Campaign ended = Rains.republished(Publications.online(Publications.newId(), 0), CampaignStatus.ENDED, 2);
        publications.publish(ended);
        startOverHttp(ended.id()).statusCode(409).contentType("application/problem+json");
        assertNoRain(ended.id());

        Instant now = Instant.now();
        Campaign past = new Campaign(Publications.newId(), "past", CampaignStatus.ONLINE, now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(1)), "UTC", 0, ParticipationLimit.NONE, List.of(), 1);
        publications.publish(past);
        startOverHttp(past.id()).statusCode(409).contentType("application/problem+json");
        assertNoRain(past.id());

        // A paused campaign may get its rain ready; its shakes wait until it is online again.
        Campaign paused = Rains.republished(Publications.online(Publications.newId(), 0), CampaignStatus.PAUSED, 2);
        rains.publish(paused);
        startOverHttp(paused.id()).statusCode(201);
        assertEquals(ShakeOutcome.CLOSED, shake("eager", paused.id()).outcome());
    }
}

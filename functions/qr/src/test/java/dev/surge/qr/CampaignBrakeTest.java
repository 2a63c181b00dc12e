package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.Rule;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.TestTokens;

/**
 * A pool that serves a campaign obeys it, from the in-process catalog: a paused or ended campaign allocates
 * nothing (409), a user its rules refuse gets 403, and the campaign's {@code qr-landing-page} switch answers the
 * shared landing page without taking a code. Each change is published as the admin function publishes it and
 * measured until allocations follow (the bound is the catalog's revalidation: within 2 s).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
@TestProfile(CampaignBrakeTest.CampaignPool.class)
class CampaignBrakeTest {

    static final long CAMPAIGN = 8_000_000_002L;
    private static final long FOLLOWS_WITHIN_MS = 2000;

    /** A plain pool bound to a campaign; its shared code is the campaign's poster code. */
    public static class CampaignPool implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.qr.pools.braked.kind", "plain",
                    "surge.qr.pools.braked.landing", "https://go.surge.test/b/",
                    "surge.qr.pools.braked.business-types", "braked",
                    "surge.qr.pools.braked.target", "10",
                    "surge.qr.pools.braked.low-water", "2",
                    "surge.qr.pools.braked.shared-code-url", "https://img.surge.test/poster.png",
                    "surge.qr.pools.braked.campaign-id", Long.toString(CAMPAIGN),
                    // Revalidated as in production, so the measured delay is what a fleet sees.
                    "surge.catalog.revalidate-after", "1s");
        }
    }

    private static final AtomicLong VERSIONS = new AtomicLong(100);

    @Inject
    Publications publications;

    @Inject
    CampaignCatalog catalog;

    @Inject
    Codes codes;

    private long publish(CampaignStatus status, Set<Degrade> degrades) {
        long version = VERSIONS.incrementAndGet();
        Campaign c = Publications.online(CAMPAIGN, 0,
                new Rule("block-list", JsonNodeFactory.instance.objectNode().put("list", "fraud")));
        publications.publish(new Campaign(c.id(), c.name(), status, c.startsAt(), c.endsAt(), c.zone(), c.priority(),
                c.limit(), c.rules(), null, c.rateLimits(), degrades, version));
        return version;
    }

    private static ValidatableResponse allocate(String user, String key) {
        return given().auth()
                .oauth2(TestTokens.user(user))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"page\":\"pages/share/index\",\"params\":{\"from\":\"" + user + "\"},\"businessType\":\"braked\"}")
                .post("/v1/qr-codes")
                .then()
                .log()
                .ifValidationFails();
    }

    /** How long, after the publish, until an allocation answers {@code status}. */
    private static long millisUntil(int status, String user) {
        long published = System.nanoTime();
        AtomicLong attempt = new AtomicLong();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> allocate(user, "brake-" + user + "-" + attempt.incrementAndGet() + "-" + published)
                        .extract()
                        .statusCode() == status);
        return (System.nanoTime() - published) / 1_000_000;
    }

    @Test
    void pausingStopsAllocationWithinTwoSecondsAndResumingRestoresIt() {
        publications.addToList(CAMPAIGN, "fraud", "mallory");
        publish(CampaignStatus.ONLINE, Set.of());
        assertTrue(millisUntil(201, "alice") < 5000);

        publish(CampaignStatus.PAUSED, Set.of());
        long paused = millisUntil(409, "alice");
        long before = codes.level("braked");
        allocate("alice", "brake-paused-1").statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("no codes are allocated now"));
        assertEquals(before, codes.level("braked"), "a refused allocation takes no code");

        publish(CampaignStatus.ONLINE, Set.of());
        long resumed = millisUntil(201, "alice");
        // A block-listed user is refused by the campaign's rules.
        allocate("mallory", "brake-mallory-1").statusCode(403).contentType("application/problem+json");

        publish(CampaignStatus.ENDED, Set.of());
        long ended = millisUntil(409, "alice");
        System.out.printf("QR allocation followed: paused %d ms, resumed %d ms, ended %d ms%n", paused, resumed, ended);
        assertTrue(paused <= FOLLOWS_WITHIN_MS, "paused after " + paused + " ms");
        assertTrue(resumed <= FOLLOWS_WITHIN_MS, "resumed after " + resumed + " ms");
        assertTrue(ended <= FOLLOWS_WITHIN_MS, "ended after " + ended + " ms");
    }

    @Test
    void theLandingPageSwitchAnswersTheSharedPageAndTakesNoCode() {
        publications.addToList(CAMPAIGN, "fraud", "mallory");
        // The campaign allocates first, as the other test's does: what is timed is how fast the switch is
        // followed, not how fast a fresh function makes its first codes when this test happens to run first.
        publish(CampaignStatus.ONLINE, Set.of());
        assertTrue(millisUntil(201, "bob") < 5000);
        publish(CampaignStatus.ONLINE, Set.of(Degrade.QR_LANDING_PAGE));
        long braked = millisUntil(200, "bob");
        long before = codes.level("braked");
        allocate("bob", "brake-landing-1").statusCode(200)
                .body("source", equalTo("landing-page"))
                .body("requestId", nullValue())
                .body("page", equalTo("https://go.surge.test/b/"))
                .body("imageUrl", equalTo("https://img.surge.test/poster.png"));
        assertEquals(before, codes.level("braked"), "the brake takes no code");

        publish(CampaignStatus.ONLINE, Set.of());
        long released = millisUntil(201, "bob");
        assertTrue(braked <= FOLLOWS_WITHIN_MS && released <= FOLLOWS_WITHIN_MS, braked + " / " + released + " ms");
    }
}

package dev.surge.redpacket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.Rule;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.Sql;
import dev.surge.shared.testing.TestTokens;

/**
 * A red packet sent in a campaign obeys it: sent only while the campaign runs, by a sender its rules let in,
 * and not while its {@code red-packet-sends-closed} switch is on. A refused send stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class CampaignSendTest {

    @Inject
    Rains rains;

    @Inject
    Publications publications;

    @Inject
    Packets packets;

    private static long keys;

    private static ValidatableResponse send(String sender, long campaignId) {
        return given().auth()
                .oauth2(TestTokens.user(sender))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "campaign-send-" + (++keys) + "-" + System.nanoTime())
                .body("{\"amountCents\":500,\"count\":5,\"mode\":\"random\",\"campaignId\":" + campaignId + "}")
                .post("/v1/red-packets")
                .then()
                .log()
                .ifValidationFails();
    }

    private long stored(String sender) {
        return Sql.number(packets.database(), "SELECT COUNT(*) FROM red_packet WHERE sender_id = '" + sender + "'");
    }

    @Test
    void aSendObeysTheCampaignsStatusRulesAndSwitch() {
        String patron = "patron-" + System.nanoTime();
        Campaign campaign = rains.campaign(
                new Rule("block-list", JsonNodeFactory.instance.objectNode().put("list", "fraud")));
        publications.addToList(campaign.id(), "fraud", "mallory");
        send(patron, campaign.id()).statusCode(201);
        assertEquals(1, stored(patron));

        send("mallory", campaign.id()).statusCode(403).contentType("application/problem+json");
        assertEquals(0, stored("mallory"));

        rains.publish(Rains.republished(campaign, CampaignStatus.ONLINE, 2)
                .withDegrades(Set.of(Degrade.RED_PACKET_SENDS_CLOSED)));
        send(patron, campaign.id()).statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("is closed for now"));

        rains.publish(Rains.republished(campaign, CampaignStatus.PAUSED, 3));
        send(patron, campaign.id()).statusCode(409)
                .body("detail", containsString("no red packets are sent in this campaign now"));
        assertEquals(1, stored(patron), "refused sends store nothing");

        rains.publish(Rains.republished(campaign, CampaignStatus.ONLINE, 4));
        send(patron, campaign.id()).statusCode(201);
        assertEquals(2, stored(patron));

        send(patron, Publications.newId()).statusCode(404).contentType("application/problem+json");
        // A send outside any campaign is as before.
        packets.send(patron, 300, 3, "equal", null);
        assertEquals(3, stored(patron));
    }
}

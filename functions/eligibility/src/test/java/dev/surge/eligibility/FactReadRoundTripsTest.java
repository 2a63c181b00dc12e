package dev.surge.eligibility;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.model.Rule;
import dev.surge.shared.redis.LuaScript;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.StallingProxy;

/**
 * The list reads of every campaign a request considers reach Redis in one round trip. What is measured: the
 * packets the function sends to Redis (read at a proxy between them) that carry a call of the fact-reading script
 * by its SHA, during one request over 4 campaigns of which 3 have a list rule. One pipeline is one packet holding
 * the 3 calls; a call per campaign (each on a pooled connection of its own) would be 3 packets.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
@TestProfile(FactReadRoundTripsTest.ThroughProxy.class)
class FactReadRoundTripsTest {

    static final StallingProxy PROXY = new StallingProxy(LocalServices.REDIS_PORT);

    private static final String READ_FACTS_SHA = LuaScript.load("read-facts.lua").sha();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The function reaches the real local Redis through the proxy. */
    public static class ThroughProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://" + LocalServices.HOST + ":" + PROXY.port());
        }
    }

    @Inject
    Publications publications;

    private long publish(int priority, String kind, String params) throws Exception {
        return publications
                .publish(Publications.online(Publications.newId(), priority, new Rule(kind, JSON.readTree(params))))
                .id();
    }

    @Test
    void fourCampaignsWithThreeListRulesTakeOneRoundTrip() throws Exception {
        long blocked = publish(10, "block-list", "{\"list\":\"fraud\"}");
        long beta = publish(8, "allow-list", "{\"list\":\"beta\"}");
        long members = publish(5, "segment", "{\"anyOf\":[\"members\"]}");
        long app = publish(1, "channel", "{\"anyOf\":[\"app\"]}");
        publications.addToList(blocked, "fraud", "rt-fraudster");
        publications.addToList(beta, "beta", "rt-user");
        publications.addToList(members, "members", "rt-user");
        String body = "{\"campaignIds\":[" + blocked + "," + beta + "," + members + "," + app
                + "],\"channel\":\"app\"}";
        // A first decision over the same campaigns: the script is cached on the server from then on (a server
        // that lacks it is sent the source), so what follows are calls by SHA only.
        Ask.as("rt-fraudster", body)
                .statusCode(200)
                .body("campaignId", equalTo((int) app))
                .body("campaigns.eligible", equalTo(List.of(false, false, false, true)));

        PROXY.countPacketsContaining(READ_FACTS_SHA);
        Ask.as("rt-user", body)
                .statusCode(200)
                .body("eligible", equalTo(true))
                .body("campaignId", equalTo((int) blocked))
                .body("campaigns.eligible", equalTo(List.of(true, true, true, true)));

        assertEquals(new StallingProxy.PacketCount(1, 3), PROXY.counted(),
                "one packet holding the three campaigns' script calls");
    }
}

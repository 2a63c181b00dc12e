package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.surge.admin.service.RaffleMetrics;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/**
 * The scheduled reconciliation compares every online raffle, not one named at deploy time, reports the drift of
 * each campaign as a metric tagged by campaign, and repairs nothing.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class ScheduledReconcileTest {

    private static final String JOB = "/internal/v1/raffles/reconcile";

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    MeterRegistry registry;

    @Test
    void everyOnlineRaffleIsComparedAndTheDriftedOneReportedPerCampaign() {
        long[] ids = new long[3];
        long[] prizes = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = Admin.created("Reconciled raffle " + i);
            prizes[i] = Ledgers.raffleWithPrize(ids[i], "Prize " + i);
            Admin.status(ids[i], "online").statusCode(200);
        }
        // Drift: Redis lets 7 more units go than MySQL holds.
        String drifted = keys.campaign(ids[1]).stock(prizes[1]);
        redis.value(Long.class).set(drifted, 12L);

        Map<Long, Map<String, Object>> seen = new HashMap<>();
        for (int run = 0; run < 10 && seen.size() < 3; run++) {
            JsonPath answer = given().auth().oauth2(TestTokens.admin()).post(JOB).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> raffles = answer.getList("raffles");
            for (Map<String, Object> raffle : raffles) {
                long id = ((Number) raffle.get("campaignId")).longValue();
                if (id == ids[0] || id == ids[1] || id == ids[2]) {
                    seen.put(id, raffle);
                }
            }
        }
        assertEquals(3, seen.size(), "each of the three online raffles was compared: " + seen);
        assertEquals(7, ((Number) seen.get(ids[1]).get("driftUnits")).intValue(), seen.toString());
        assertEquals(true, seen.get(ids[1]).get("drifted"));
        assertEquals(0, ((Number) seen.get(ids[0]).get("driftUnits")).intValue());
        assertEquals(0, ((Number) seen.get(ids[2]).get("driftUnits")).intValue());

        assertEquals(7.0, drift(ids[1]), "the drift is exported for its campaign");
        assertEquals(0.0, drift(ids[0]));
        assertEquals(0.0, drift(ids[2]));
        assertTrue(registry.find(RaffleMetrics.RECONCILED).tag("outcome", "drifted").counter().count() >= 1);

        assertEquals(12L, redis.value(Long.class).get(drifted), "a scheduled run repairs nothing");
        String audit = Admin.operator()
                .queryParam("campaign", ids[1])
                .get("/admin/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(audit.contains("stock:repair"), audit);
    }

    @Test
    void onlyTheScheduleOrAnOperatorMayRunIt() {
        given().auth()
                .oauth2(TestTokens.user("mallory"))
                .post(JOB)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().post(JOB).then().statusCode(401).contentType("application/problem+json");
    }

    private double drift(long campaignId) {
        Counter counter = registry.find(RaffleMetrics.DRIFT)
                .tag(RaffleMetrics.TAG_CAMPAIGN,
                        Long.toString(campaignId))
                .counter();
        return counter == null ? -1 : counter.count();
    }
}

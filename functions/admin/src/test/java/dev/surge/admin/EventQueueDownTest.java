package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/**
 * A queue nobody answers: the relay run ends at once as failed, says why, and leaves every win unpublished for the
 * next run; nothing is lost and nothing is marked.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
@TestProfile(EventQueueDownTest.NoQueue.class)
class EventQueueDownTest {

    /** Its own database; the queue's address is a loopback port where nothing listens. */
    public static class NoQueue implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "surge.admin.events.endpoint", "http://127.0.0.1:9",
                    "surge.admin.events.queue-url", "http://127.0.0.1:9/000000000000/surge-winner-events");
        }
    }

    @Inject
    AgroalDataSource mysql;

    @Test
    void aRunFailsFastAndEveryWinWaitsForTheNext() throws Exception {
        long raffle = Admin.created("Queue down raffle");
        long prize = Ledgers.raffleWithPrize(raffle, "Mug");
        Ledgers.grants(mysql, raffle, prize, "down-", 3, Instant.parse("2026-05-01T08:00:00Z"));

        for (int run = 0; run < 2; run++) {
            long started = System.nanoTime();
            JsonPath answer = given().auth()
                    .oauth2(TestTokens.admin())
                    .post("/internal/v1/events/relay")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("failed", answer.getString("outcome"), answer.prettify());
            assertTrue(answer.getString("failure").length() > 0);
            assertEquals(Map.of(), answer.getMap("published"));
            // Far inside the run's 20 s budget: a refused connection is not waited on.
            assertTrue(millis < 10_000, "took " + millis + " ms");
        }
        try (Connection c = mysql.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM prize_grant WHERE published_at IS NULL AND campaign_id = "
                        + raffle)) {
            rs.next();
            assertEquals(3, rs.getLong(1), "every grant still waits to be published");
        }
    }
}

package dev.surge.admin;

import static dev.surge.admin.Admin.call;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.TestTokens;

/** A raffle's settings and prizes, live stock changes, and reconciliation of Redis stock with MySQL. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class RaffleTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    DataSource db;

    private long redisStock(long campaign, long prize) {
        Long stock = redis.value(Long.class).get(keys.campaign(campaign).stock(prize));
        return stock == null ? -1 : stock;
    }

    /** An online raffle with one prize of 100 units, published. */
    private long[] raffle(String name) {
        long id = Admin.created(name);
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.05, "noPrizeWeight", 900)).statusCode(200);
        int prize = call("POST", "/" + id + "/prizes", Map.of("name", "Phone", "weight", 100, "stock", 100))
                .statusCode(201)
                .extract()
                .path("id");
        Admin.status(id, "online").statusCode(200);
        return new long[]{id, prize};
    }

    @Test
    void publishingCarriesThePrizeTableAndStartsTheStockCounters() throws Exception {
        long[] raffle = raffle("Raffle published");
        assertEquals(100, redisStock(raffle[0], raffle[1]));
        Campaign snapshot = json.readValue(redis.value(String.class).get(keys.campaign(raffle[0]).snapshot()),
                Campaign.class);
        assertEquals(0.05, snapshot.draw().interceptRatio(), 1e-9);
        assertEquals(900, snapshot.draw().noPrizeWeight());
        assertEquals("Phone", snapshot.draw().prizes().get(0).name());
        // A republish leaves the live counter alone.
        redis.value(Long.class).set(keys.campaign(raffle[0]).stock(raffle[1]), 37L);
        Admin.publish(raffle[0]).statusCode(200);
        assertEquals(37, redisStock(raffle[0], raffle[1]));
    }

    @Test
    void aNewInterceptionRatioOfALiveRaffleIsPublishedAtOnce() throws Exception {
        long[] raffle = raffle("Raffle retuned");
        call("PUT", "/" + raffle[0] + "/raffle", Map.of("interceptRatio", 0.5, "noPrizeWeight", 900)).statusCode(200);
        Campaign snapshot = json.readValue(redis.value(String.class).get(keys.campaign(raffle[0]).snapshot()),
                Campaign.class);
        assertEquals(0.5, snapshot.draw().interceptRatio(), 1e-9);
        // A draft is not published by saving its raffle.
        long draft = Admin.created("Raffle drafted");
        call("PUT", "/" + draft + "/raffle", Map.of("interceptRatio", 0.5, "noPrizeWeight", 900)).statusCode(200);
        assertEquals(null, redis.value(String.class).get(keys.campaign(draft).snapshot()));
    }

    @Test
    void stockChangesMoveMySQLAndRedisTogether() {
        long[] raffle = raffle("Raffle stock");
        String stock = "/" + raffle[0] + "/prizes/" + raffle[1] + "/stock";
        call("POST", stock, Map.of("delta", 10)).statusCode(200)
                .body("stock", equalTo(110))
                .body("redisStock",
                        equalTo(110));
        call("POST", stock, Map.of("delta", -20)).statusCode(200)
                .body("stock", equalTo(90))
                .body("redisStock",
                        equalTo(90));
        // Units won in Redis are not free: only what Redis still holds can be taken away.
        redis.value(Long.class).decrby(keys.campaign(raffle[0]).stock(raffle[1]), 85);
        call("POST", stock, Map.of("delta", -6)).statusCode(409).contentType("application/problem+json");
        assertEquals(5, redisStock(raffle[0], raffle[1]));
        call("GET", "/" + raffle[0] + "/raffle", null).statusCode(200).body("prizes[0].stock", equalTo(90));
    }

    @Test
    void reconciliationReportsPlantedDriftAndRepairsItFromMySQL() {
        long[] raffle = raffle("Raffle drift");
        String pending = keys.campaign(raffle[0]).pendingDraws();
        // Two draws won in Redis, not yet confirmed by MySQL: Redis should hold 98.
        redis.sortedSet(String.class).zadd(pending, 1, raffle[1] + "|key-one|u1");
        redis.sortedSet(String.class).zadd(pending, 2, raffle[1] + "|key-two|u2");
        redis.value(Long.class).set(keys.campaign(raffle[0]).stock(raffle[1]), 140L);

        call("POST", "/" + raffle[0] + "/reconcile", null).statusCode(200)
                .body("repaired", equalTo(false))
                .body("prizes[0].mysqlStock", equalTo(100))
                .body("prizes[0].redisStock", equalTo(140))
                .body("prizes[0].pending", equalTo(2))
                .body("prizes[0].expectedRedisStock", equalTo(98))
                .body("prizes[0].drift", equalTo(42));
        assertEquals(140, redisStock(raffle[0], raffle[1]));

        call("POST", "/" + raffle[0] + "/reconcile?repair=true", null).statusCode(200)
                .body("repaired", equalTo(true))
                .body("prizes[0].redisStockAfter", equalTo(98));
        assertEquals(98, redisStock(raffle[0], raffle[1]));
        call("POST", "/" + raffle[0] + "/reconcile", null).statusCode(200).body("prizes[0].drift", equalTo(0));
    }

    @Test
    void aPendingDrawWhoseGrantCommittedIsNotCountedTwice() throws Exception {
        long[] raffle = raffle("Raffle committed");
        // A winner's grant has committed (MySQL 99 left) but the draw has not been settled in Redis yet.
        try (Connection c = db.getConnection()) {
            try (PreparedStatement grant = c.prepareStatement("INSERT INTO prize_grant (campaign_id, user_id,"
                    + " idempotency_key, draw_id, prize_id, status, pick, weight_total, created_at)"
                    + " VALUES (?, 'u1', 'key-one', 'draw-1', ?, 'granted', 5, 1000, NOW(3))")) {
                grant.setLong(1, raffle[0]);
                grant.setLong(2, raffle[1]);
                grant.executeUpdate();
            }
            try (PreparedStatement take = c.prepareStatement("UPDATE prize SET stock = stock - 1 WHERE id = ?")) {
                take.setLong(1, raffle[1]);
                take.executeUpdate();
            }
        }
        redis.sortedSet(String.class).zadd(keys.campaign(raffle[0]).pendingDraws(), 1, raffle[1] + "|key-one|u1");
        redis.value(Long.class).set(keys.campaign(raffle[0]).stock(raffle[1]), 99L);

        call("POST", "/" + raffle[0] + "/reconcile", null).statusCode(200)
                .body("prizes[0].mysqlStock", equalTo(99))
                .body("prizes[0].pending", equalTo(0))
                .body("prizes[0].drift", equalTo(0));
        call("POST", "/" + raffle[0] + "/reconcile?repair=true", null).statusCode(200)
                .body("prizes[0].redisStockAfter", equalTo(99));
        assertEquals(99, redisStock(raffle[0], raffle[1]));
    }

    @Test
    void badRaffleInputIsRefusedAndChangesNothing() {
        long id = Admin.created("Raffle bad input");
        call("POST", "/" + id + "/prizes", Map.of("name", "Early", "weight", 1, "stock", 1)).statusCode(409);
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 1.5, "noPrizeWeight", 1)).statusCode(400)
                .contentType("application/problem+json");
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.1, "noPrizeWeight", -1)).statusCode(400);
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.1, "noPrizeWeight", 10)).statusCode(200);
        call("POST", "/" + id + "/prizes", Map.of("name", "Zero", "weight", 0, "stock", 1)).statusCode(400);
        call("POST", "/" + id + "/prizes", Map.of("name", "NoStock", "weight", 1)).statusCode(400)
                .body("detail", containsString("stock"));
        int prize = call("POST", "/" + id + "/prizes", Map.of("name", "Mug", "weight", 5, "stock", 3)).statusCode(201)
                .extract()
                .path("id");
        call("PUT", "/" + id + "/prizes/" + prize, Map.of("name", "Mug", "weight", 5, "stock", 99)).statusCode(400);
        call("PUT", "/" + id + "/prizes/999999", Map.of("name", "Ghost", "weight", 5)).statusCode(404);
        call("POST", "/" + id + "/prizes/" + prize + "/stock", Map.of("delta", -4)).statusCode(409);
        call("POST", "/" + id + "/prizes/" + prize + "/stock", Map.of("delta", "many")).statusCode(400);
        given().auth()
                .oauth2(TestTokens.user("not-an-operator"))
                .contentType(ContentType.JSON)
                .body("{\"delta\":1000}")
                .post(Admin.CAMPAIGNS + "/" + id + "/prizes/" + prize + "/stock")
                .then()
                .statusCode(403);
        call("GET", "/" + id + "/raffle", null).statusCode(200)
                .body("prizes.size()", equalTo(1))
                .body("prizes[0].stock", equalTo(3))
                .body("noPrizeWeight", equalTo(10));
    }
}

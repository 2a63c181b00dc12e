package dev.surge.admin;

import static dev.surge.admin.Admin.call;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.redis.DrawBuckets;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.Sql;

/**
 * A raffle whose stock is spread over three stock buckets: publishing splits each prize's stock over them, stock
 * changes spread and take across them, reconciliation reports and repairs them one by one and holds their total to
 * MySQL, and the number of buckets is checked and fixed once the raffle is published.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class RaffleBucketsTest {

    private static final int BUCKETS = 3;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    Footprint footprint;

    private DrawBuckets draw(long campaign) {
        return keys.draw(campaign, BUCKETS);
    }

    /** Each bucket's counter of the prize, -1 for one that does not exist. */
    private List<Long> bucketStock(long campaign, long prize) {
        List<Long> stock = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            Long units = redis.value(Long.class).get(draw(campaign).bucket(b).stock(prize));
            stock.add(units == null ? -1 : units);
        }
        return stock;
    }

    private void setBucketStock(long campaign, long prize, long... stock) {
        for (int b = 0; b < stock.length; b++) {
            redis.value(Long.class).set(draw(campaign).bucket(b).stock(prize), stock[b]);
        }
    }

    /** A raffle of three stock buckets with one prize of 10 units, online (so published). */
    private long[] raffle(String name) {
        long id = Admin.created(name);
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.05, "noPrizeWeight", 900, "stockBuckets", BUCKETS))
                .statusCode(200)
                .body("stockBuckets", equalTo(BUCKETS));
        int prize = call("POST", "/" + id + "/prizes", Map.of("name", "Phone", "weight", 100, "stock", 10))
                .statusCode(201)
                .extract()
                .path("id");
        Admin.status(id, "online").statusCode(200);
        return new long[]{id, prize};
    }

    /** A user whose draws go to bucket {@code bucket}: pending draws live in the user's own bucket. */
    private String userOf(long campaign, int bucket) {
        for (int i = 0;; i++) {
            if (draw(campaign).of("user-" + i) == bucket) {
                return "user-" + i;
            }
        }
    }

    private void drainedEverywhere(long campaign, long prize) {
        for (int b = 0; b < BUCKETS; b++) {
            redis.value(String.class).setex(draw(campaign).bucket(b).drained(prize), 60, "1");
        }
    }

    private void assertNoneDrained(long campaign, long prize) {
        for (int b = 0; b < BUCKETS; b++) {
            assertFalse(redis.key().exists(draw(campaign).bucket(b).drained(prize)), "bucket " + b + " still drained");
        }
    }

    private List<String> raffleRow(long campaign) {
        return Sql.rows(footprint.database(), "SELECT intercept_ratio, no_prize_weight, stock_buckets FROM raffle"
                + " WHERE campaign_id = " + campaign).get(0);
    }

    @Test
    void publishingSplitsEachPrizesStockOverTheBuckets() throws Exception {
        long[] raffle = raffle("Buckets published");
        assertEquals(List.of(4L, 3L, 3L), bucketStock(raffle[0], raffle[1]));
        // The buckets have hash tags of their own; the campaign's own counter is not one of them.
        assertNull(redis.value(Long.class).get(keys.campaign(raffle[0]).stock(raffle[1])));
        for (int b = 0; b < BUCKETS; b++) {
            assertNotEquals(keys.campaign(raffle[0]).base(), draw(raffle[0]).bucket(b).base());
        }
        Campaign snapshot = json.readValue(redis.value(String.class).get(keys.campaign(raffle[0]).snapshot()),
                Campaign.class);
        assertEquals(BUCKETS, snapshot.draw().stockBuckets());
        call("GET", "/" + raffle[0] + "/raffle", null).statusCode(200)
                .body("stockBuckets", equalTo(BUCKETS))
                .body("prizes[0].stock", equalTo(10))
                .body("prizes[0].redisStock", equalTo(10));

        // A republish leaves live counters alone; a prize added since is split at it.
        setBucketStock(raffle[0], raffle[1], 1, 0, 2);
        int mug = call("POST", "/" + raffle[0] + "/prizes", Map.of("name", "Mug", "weight", 10, "stock", 5))
                .statusCode(201)
                .extract()
                .path("id");
        Admin.publish(raffle[0]).statusCode(200);
        assertEquals(List.of(1L, 0L, 2L), bucketStock(raffle[0], raffle[1]));
        assertEquals(List.of(2L, 2L, 1L), bucketStock(raffle[0], mug));
        call("GET", "/" + raffle[0] + "/raffle", null).statusCode(200)
                .body("prizes[0].redisStock", equalTo(3))
                .body("prizes[1].redisStock", equalTo(5));
    }

    @Test
    void addedStockIsSpreadOverTheBucketsAndClearsTheDrainedMarkers() {
        long[] raffle = raffle("Buckets added");
        drainedEverywhere(raffle[0], raffle[1]);
        call("POST", "/" + raffle[0] + "/prizes/" + raffle[1] + "/stock", Map.of("delta", 5)).statusCode(200)
                .body("stock", equalTo(15))
                .body("redisStock", equalTo(15));
        assertEquals(List.of(6L, 5L, 4L), bucketStock(raffle[0], raffle[1]));
        assertNoneDrained(raffle[0], raffle[1]);
    }

    @Test
    void stockIsTakenAcrossTheBucketsAndNeverMoreThanTheirTotal() {
        long[] raffle = raffle("Buckets taken");
        String stock = "/" + raffle[0] + "/prizes/" + raffle[1] + "/stock";
        // More than any one bucket holds: the fullest give first, down to one level.
        call("POST", stock, Map.of("delta", -6)).statusCode(200)
                .body("stock", equalTo(4))
                .body("redisStock", equalTo(4));
        assertEquals(List.of(2L, 1L, 1L), bucketStock(raffle[0], raffle[1]));

        // Draws have won units (and borrowed between buckets): only what the buckets still hold can go.
        setBucketStock(raffle[0], raffle[1], 0, 1, 2);
        call("POST", stock, Map.of("delta", -4)).statusCode(409).contentType("application/problem+json");
        assertEquals(List.of(0L, 1L, 2L), bucketStock(raffle[0], raffle[1]));
        call("GET", "/" + raffle[0] + "/raffle", null).statusCode(200).body("prizes[0].stock", equalTo(4));

        call("POST", stock, Map.of("delta", -3)).statusCode(200)
                .body("stock", equalTo(1))
                .body("redisStock", equalTo(0));
        assertEquals(List.of(0L, 0L, 0L), bucketStock(raffle[0], raffle[1]));
    }

    @Test
    void reconciliationReportsEachBucketAndRepairsTheTotalFromMySQL() throws Exception {
        long[] raffle = raffle("Buckets drift");
        long id = raffle[0];
        long prize = raffle[1];
        // A winner in bucket 0 whose grant has committed (MySQL 9 left), not yet settled in Redis.
        String settled = userOf(id, 0);
        Sql.exec(footprint.database(), "INSERT INTO prize_grant (campaign_id, user_id, idempotency_key, draw_id, prize_id,"
                + " status, pick, weight_total, created_at) VALUES (" + id + ", '" + settled + "', 'key-one', 'draw-1', "
                + prize + ", 'granted', 5, 1000, NOW(3))");
        Sql.exec(footprint.database(), "UPDATE prize SET stock = stock - 1 WHERE id = " + prize);
        redis.sortedSet(String.class).zadd(draw(id).bucket(0).pendingDraws(), 1, prize + "|key-one|" + settled);
        // A draw won in bucket 2 that MySQL has not confirmed: 8 units should be free in Redis.
        String waiting = userOf(id, 2);
        redis.sortedSet(String.class).zadd(draw(id).bucket(2).pendingDraws(), 2, prize + "|key-two|" + waiting);
        // Bucket 1's counter is wrong.
        setBucketStock(id, prize, 3, 9, 2);
        drainedEverywhere(id, prize);

        call("POST", "/" + id + "/reconcile", null).statusCode(200)
                .body("repaired", equalTo(false))
                .body("prizes[0].mysqlStock", equalTo(9))
                .body("prizes[0].redisStock", equalTo(14))
                .body("prizes[0].pending", equalTo(1))
                .body("prizes[0].expectedRedisStock", equalTo(8))
                .body("prizes[0].drift", equalTo(6))
                .body("prizes[0].redisStockAfter", equalTo(14))
                .body("prizes[0].buckets.size()", equalTo(3))
                .body("prizes[0].buckets.bucket", equalTo(List.of(0, 1, 2)))
                .body("prizes[0].buckets.redisStock", equalTo(List.of(3, 9, 2)))
                .body("prizes[0].buckets.pending", equalTo(List.of(0, 0, 1)))
                .body("prizes[0].buckets.redisStockAfter", equalTo(List.of(3, 9, 2)));
        assertEquals(List.of(3L, 9L, 2L), bucketStock(id, prize));

        call("POST", "/" + id + "/reconcile?repair=true", null).statusCode(200)
                .body("repaired", equalTo(true))
                .body("prizes[0].redisStock", equalTo(14))
                .body("prizes[0].pending", equalTo(1))
                .body("prizes[0].redisStockAfter", equalTo(8))
                .body("prizes[0].buckets.redisStock", equalTo(List.of(3, 9, 2)))
                .body("prizes[0].buckets.pending", equalTo(List.of(0, 0, 1)))
                .body("prizes[0].buckets.redisStockAfter", equalTo(List.of(3, 3, 2)));
        // The free units shared out evenly; with the one uncommitted draw they make MySQL's stock.
        List<Long> after = bucketStock(id, prize);
        assertEquals(List.of(3L, 3L, 2L), after);
        assertEquals(9, after.stream().mapToLong(Long::longValue).sum() + 1);
        assertNoneDrained(id, prize);
        call("POST", "/" + id + "/reconcile", null).statusCode(200)
                .body("prizes[0].drift", equalTo(0))
                .body("prizes[0].buckets.redisStock", equalTo(List.of(3, 3, 2)));

        JsonNode repair = null;
        for (JsonNode entry : json.readTree(Admin.operator()
                .queryParam("campaign", id)
                .get("/admin/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString())) {
            if (entry.path("action").asText().equals("stock:repair")) {
                assertNull(repair, "one repair, one entry");
                repair = entry;
            }
        }
        assertTrue(repair != null, "the repair is audited");
        assertEquals(json.readTree("{\"prizeId\":" + prize + ",\"redisStock\":14,\"buckets\":[3,9,2]}"),
                json.readTree(repair.path("before").asText()));
        assertEquals(json.readTree("{\"prizeId\":" + prize + ",\"redisStock\":8,\"buckets\":[3,3,2]}"),
                json.readTree(repair.path("after").asText()));
    }

    @Test
    void stockBucketsOutOfRangeAreRefusedAndChangeNothing() {
        long id = Admin.created("Buckets bad input");
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.1, "noPrizeWeight", 10, "stockBuckets", 2))
                .statusCode(200)
                .body("stockBuckets", equalTo(2));
        Footprint.Capture before = footprint.capture();
        for (int wrong : new int[]{0, -1, RedisKeys.MAX_DRAW_BUCKETS + 1}) {
            call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.2, "noPrizeWeight", 10, "stockBuckets", wrong))
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("stockBuckets"));
        }
        call("PUT", "/" + id + "/raffle", "{\"interceptRatio\":0.2,\"noPrizeWeight\":10,\"stockBuckets\":2.5}")
                .statusCode(400)
                .contentType("application/problem+json");
        call("PUT", "/" + id + "/raffle", "{\"interceptRatio\":0.2,\"noPrizeWeight\":10,\"stockBuckets\":\"3\"}")
                .statusCode(400)
                .contentType("application/problem+json");
        assertEquals(before, footprint.capture());
        assertEquals(List.of("0.100000", "10", "2"), raffleRow(id));

        // The bounds themselves are fine, and a draft's buckets may change until it is published.
        call("PUT", "/" + id + "/raffle",
                Map.of("interceptRatio", 0.1, "noPrizeWeight", 10, "stockBuckets", RedisKeys.MAX_DRAW_BUCKETS))
                .statusCode(200)
                .body("stockBuckets", equalTo(RedisKeys.MAX_DRAW_BUCKETS));
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.1, "noPrizeWeight", 10, "stockBuckets", 1))
                .statusCode(200)
                .body("stockBuckets", equalTo(1));
    }

    @Test
    void theStockBucketsOfAPublishedRaffleAreFixed() throws Exception {
        long[] raffle = raffle("Buckets fixed");
        long id = raffle[0];
        String snapshot = redis.value(String.class).get(keys.campaign(id).snapshot());
        Footprint.Capture before = footprint.capture();

        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.5, "noPrizeWeight", 900, "stockBuckets", 2))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("the stock buckets of a published raffle are fixed"));
        assertEquals(before, footprint.capture());
        assertEquals(List.of("0.050000", "900", "3"), raffleRow(id));
        assertEquals(snapshot, redis.value(String.class).get(keys.campaign(id).snapshot()));

        // Naming the same number, or none, changes the rest and keeps the buckets.
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.5, "noPrizeWeight", 900, "stockBuckets", BUCKETS))
                .statusCode(200)
                .body("stockBuckets", equalTo(BUCKETS));
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.25, "noPrizeWeight", 900)).statusCode(200)
                .body("interceptRatio", equalTo(0.25f))
                .body("stockBuckets", equalTo(BUCKETS))
                .body("prizes[0].redisStock", equalTo(10));
        Campaign published = json.readValue(redis.value(String.class).get(keys.campaign(id).snapshot()), Campaign.class);
        assertEquals(0.25, published.draw().interceptRatio(), 1e-9);
        assertEquals(BUCKETS, published.draw().stockBuckets());
        assertEquals(List.of(4L, 3L, 3L), bucketStock(id, raffle[1]));
    }

    @Test
    void aRaffleSavedWithoutStockBucketsHasOne() {
        long id = Admin.created("Buckets default");
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.1, "noPrizeWeight", 10)).statusCode(200)
                .body("stockBuckets", equalTo(1));
        assertEquals(List.of("0.100000", "10", "1"), raffleRow(id));
    }
}

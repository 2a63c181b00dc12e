package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.surge.shared.problem.Problem;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.StalledRedis;
import dev.surge.shared.testing.TestTokens;

/**
 * Redis that takes requests and never answers: allocation says plainly and fast that no code is available
 * now, and scans keep working from MySQL.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
@TestProfile(RedisDownTest.Stalled.class)
class RedisDownTest {

    /** Points the function at a stalled Redis, with production budgets. */
    public static class Stalled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + StalledRedis.port());
        }
    }

    @Inject
    Codes codes;

    /**
     * "Fast" on a shared machine: no answer near a hang (a stalled Redis without budgets would never answer), and
     * the typical answer well inside a second.
     */
    private static void fast(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        assertTrue(sorted.get(sorted.size() - 1) < 5000, "slowest: " + sorted);
        assertTrue(sorted.get(sorted.size() / 2) < 1000, "median: " + sorted);
    }

    @Test
    void allocationIsRefusedFastWith503() {
        List<Long> millis = new ArrayList<>();
        // The first request also warms a cold JVM up; the budget is for a stalled Redis, not for JIT.
        for (int i = 0; i < 26; i++) {
            long time = given().auth()
                    .oauth2(TestTokens.user("stalled-" + i))
                    .contentType(ContentType.JSON)
                    .header("Idempotency-Key", "stalled-key-" + i)
                    .body(Map.of("page", "pages/a", "params", Map.of("i", "" + i), "businessType", "poster"))
                    .post("/v1/qr-codes")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(503)
                    .contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", equalTo("1"))
                    .extract()
                    .time();
            if (i > 0) {
                millis.add(time);
            }
        }
        fast(millis);
    }

    @Test
    void scansAreAnsweredFromMySQL() {
        // This profile runs on a database of its own, so a fixed id is free.
        String id = "01j9z3k5q8w2m4n6p8r0t2v4x6";
        codes.exec("INSERT INTO qr_code (request_id, pool, kind, landing, image_url, status, business_type, page, params,"
                + " user_id, idempotency_key, created_at, bound_at) VALUES ('" + id + "', 'poster', 'plain',"
                + " 'https://go.surge.test/s/', 'http://localhost/x.png', 'bound', 'poster', 'pages/shop', '{\"shop\":\"9\"}',"
                + " 'someone', 'redis-down-key', NOW(3), NOW(3))");
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            long time = given().get("/v1/qr-codes/" + id)
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(200)
                    .body("page", equalTo("pages/shop"))
                    .body("params.shop", equalTo("9"))
                    .extract()
                    .time();
            if (i > 0) {
                millis.add(time);
            }
        }
        fast(millis);
    }
}

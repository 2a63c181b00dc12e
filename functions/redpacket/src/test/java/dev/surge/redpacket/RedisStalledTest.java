package dev.surge.redpacket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.testing.StalledRedis;
import dev.surge.shared.testing.TestTokens;

/** Redis that takes requests and never answers: grabs and shakes are answered fast and honestly, never a share. */
@QuarkusTest
@TestProfile(RedisStalledTest.Stalled.class)
class RedisStalledTest {

    /** Points the function at a stalled Redis, with production budgets. */
    public static class Stalled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // A fault test: the breaker's window is shortened to 10 calls so it opens within the test's few calls,
            // and start-up gives up on the stalled Redis sooner.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + StalledRedis.port(),
                    "quarkus.fault-tolerance.global.circuit-breaker.request-volume-threshold", "10",
                    "surge.catalog.warm-up-timeout", "200ms");
        }
    }

    @Test
    void stalledRedisAnswersTryLaterFast() {
        // The first call of a fresh JVM pays for class loading and JIT; the budget is for the calls after it.
        given().auth().oauth2(TestTokens.user("warm-up")).post("/v1/red-packets/0123456789abcdef0123456789abcdef/grab");
        given().auth().oauth2(TestTokens.user("warm-up")).post("/v1/campaigns/4242/shake");
        for (int i = 0; i < 12; i++) {
            given().auth()
                    .oauth2(TestTokens.user("stall-" + i))
                    .post("/v1/red-packets/0123456789abcdef0123456789abcdef/grab")
                    .then()
                    .log()
                    .ifValidationFails()
                    .time(lessThan(1500L))
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("title", equalTo("Try later"));
            given().auth()
                    .oauth2(TestTokens.user("stall-" + i))
                    .post("/v1/campaigns/4242/shake")
                    .then()
                    .log()
                    .ifValidationFails()
                    .time(lessThan(1500L))
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("title", equalTo("Try later"));
        }
        given().auth()
                .oauth2(TestTokens.user("stall-viewer"))
                .get("/v1/red-packets/0123456789abcdef0123456789abcdef")
                .then()
                .time(lessThan(1500L))
                .statusCode(503)
                .contentType("application/problem+json");
    }
}

package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.surge.shared.testing.StalledRedis;
import dev.surge.shared.testing.TestTokens;

/** Redis that takes requests and never answers: every draw is answered fast and honestly, never a win. */
@QuarkusTest
@TestProfile(RedisStalledTest.Stalled.class)
class RedisStalledTest {

    /** Points the function at a stalled Redis, with production budgets. */
    public static class Stalled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + StalledRedis.port());
        }
    }

    @Test
    void stalledRedisAnswersTryLaterFast() {
        for (int i = 0; i < 25; i++) {
            given().auth()
                    .oauth2(TestTokens.user("stall-" + i))
                    .contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("{}")
                    .post("/v1/campaigns/42/draws")
                    .then()
                    .log()
                    .ifValidationFails()
                    .time(lessThan(1500L))
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("title", equalTo("Try later"))
                    .body("detail", equalTo("no prize this time; please try again later"));
        }
    }
}

package dev.surge.eligibility;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.testing.StalledRedis;

/**
 * Redis that accepts connections and never answers (a paused or wedged server): every decision must come
 * back quickly as an honest 503 with Retry-After, never hang and never 500.
 */
@QuarkusTest
@TestProfile(RedisUnavailableTest.Stalled.class)
class RedisUnavailableTest {

    /** Points the function at a stalled Redis. */
    public static class Stalled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + StalledRedis.port());
        }
    }

    @Test
    void stalledRedisGivesFastHonestFallback() {
        // The call budget is 300 ms; a decision that waited on Redis would take seconds. Many calls in a row also
        // trip the circuit breaker, after which the answer is the same, only faster. The first call of the JVM also
        // loads the test client and the HTTP stack (seconds on a busy machine, Redis or not): the bound is for a
        // stalled Redis, so it starts with the second.
        for (int i = 0; i < 30; i++) {
            Ask.as("stall-" + i, "{\"campaignIds\":[1]}")
                    .time(lessThan(i == 0 ? Long.MAX_VALUE : 1500L))
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("2"))
                    .body("status", equalTo(503))
                    .body("detail", notNullValue());
        }
    }
}

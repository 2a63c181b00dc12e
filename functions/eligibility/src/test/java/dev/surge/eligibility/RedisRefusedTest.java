package dev.surge.eligibility;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Redis that is down (connection refused) gives the same honest 503 at once. */
@QuarkusTest
@TestProfile(RedisRefusedTest.Down.class)
class RedisRefusedTest {

    /** Points the function at a port where nothing listens. */
    public static class Down implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void refusedRedisGivesFastHonestFallback() {
        // The first answer of a fresh JVM also pays for loading the error path; it must be the same answer.
        Ask.as("down-first", "{}").statusCode(503).contentType("application/problem+json");
        for (int i = 0; i < 5; i++) {
            Ask.as("down-" + i, "{}")
                    .time(lessThan(1500L))
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("2"));
        }
    }
}

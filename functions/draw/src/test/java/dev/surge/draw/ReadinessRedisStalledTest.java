package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.StalledRedis;

/**
 * Redis that accepts connections and never answers: readiness is DOWN within surge.health.redis-timeout (500 ms),
 * not after the client's 10 s command timeout the built-in check would wait.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestProfile(ReadinessRedisStalledTest.Stalled.class)
class ReadinessRedisStalledTest {

    /** Points the function at a stalled Redis. */
    public static class Stalled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + StalledRedis.port());
        }
    }

    @Test
    void notReadyWithinTheShortTimeout() {
        for (int i = 0; i < 2; i++) {
            given().get("/q/health/ready")
                    .then()
                    .time(lessThan(i == 0 ? Long.MAX_VALUE : 2000L))
                    .statusCode(503)
                    .body("checks.find { it.name == 'Redis' }.status", equalTo("DOWN"));
        }
    }
}

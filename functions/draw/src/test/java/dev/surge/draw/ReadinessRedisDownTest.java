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

/** Redis where nothing listens: /q/health/ready answers 503 at once, naming Redis; MySQL is still up. */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestProfile(ReadinessRedisDownTest.RedisDown.class)
class ReadinessRedisDownTest {

    /** Points the function at a port where nothing listens. */
    public static class RedisDown implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void notReadyWithoutRedis() {
        // The first request of a fresh JVM also loads the HTTP stack; the bound is for the later ones.
        for (int i = 0; i < 3; i++) {
            given().get("/q/health/ready")
                    .then()
                    .time(lessThan(i == 0 ? Long.MAX_VALUE : 1500L))
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Redis' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Reactive MySQL connections health check' }.status",
                            equalTo("UP"));
        }
    }
}

package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.LambdaEvents;
import dev.surge.shared.testing.LambdaRuntimeApi;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.deploy.Job;

/**
 * The function behind its Lambda runtime loop, as a test here and, through {@link NativeFunctionIT}, as the
 * native executable in CI's native workflow ({@code -Dnative}): HTTP API events reach it through the mock
 * event server, JSON is read and written, refusals are problems, and the scheduled sweep runs its Lua script
 * against Redis and MySQL, which shows that reflection and resources are registered for the image.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(value = LambdaRuntimeApi.class, initArgs = @ResourceArg(name = LambdaRuntimeApi.PORT, value = "8202"))
class PackagedFunctionTest {

    static final int LAMBDA_PORT = 8202;

    @Test
    void answersPing() {
        given().get("/v1/ping").then().statusCode(200);
    }

    @Test
    void refusesAnEventWithoutClaims() {
        JsonNode refused = LambdaEvents.invoke(LAMBDA_PORT, LambdaEvents.event("events/draw-anonymous.json",
                Map.of("CAMPAIGN", "1", "KEY", UUID.randomUUID().toString())));
        assertEquals(401, refused.path("statusCode").asInt(), refused.toString());
        assertTrue(LambdaEvents.header(refused, "Content-Type").startsWith("application/problem+json"), refused.toString());
    }

    @Test
    void runsTheScheduledSweep() {
        for (Job job : LambdaEvents.scheduledJobs("draw", 0)) {
            JsonNode answer = LambdaEvents.invoke(LAMBDA_PORT, job.event());
            assertEquals(200, answer.path("statusCode").asInt(), job.source() + ": " + answer);
            assertTrue(LambdaEvents.body(answer).has("confirmed"), answer.toString());
        }
    }
}

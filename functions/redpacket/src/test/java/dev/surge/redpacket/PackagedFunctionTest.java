package dev.surge.redpacket;

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
 * event server, JSON is read and written, refusals are problems, a send from a base64 body splits and queues
 * its shares, and the scheduled jobs run, which shows that reflection and resources are registered for the
 * image.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(value = LambdaRuntimeApi.class, initArgs = @ResourceArg(name = LambdaRuntimeApi.PORT, value = "8203"))
class PackagedFunctionTest {

    static final int LAMBDA_PORT = 8203;

    @Test
    void answersPing() {
        given().get("/v1/ping").then().statusCode(200);
    }

    @Test
    void sendsFromClaimsAndRefusesAnEventWithoutClaims() {
        String body = "{\"amountCents\":300,\"count\":3,\"mode\":\"random\"}";
        JsonNode sent = LambdaEvents.invoke(LAMBDA_PORT, LambdaEvents.event("events/send-jwt-base64.json",
                Map.of("KEY", UUID.randomUUID().toString(), "BODY64", LambdaEvents.base64(body))));
        assertEquals(201, sent.path("statusCode").asInt(), sent.toString());
        String packet = LambdaEvents.body(sent).path("id").asText();
        JsonNode grabbed = LambdaEvents.invoke(LAMBDA_PORT,
                LambdaEvents.event("events/grab-jwt.json", Map.of("PACKET", packet, "USER", "native-grabber")));
        assertEquals(200, grabbed.path("statusCode").asInt(), grabbed.toString());
        assertTrue(LambdaEvents.body(grabbed).path("amountCents").asInt() >= 1, grabbed.toString());
        JsonNode refused = LambdaEvents.invoke(LAMBDA_PORT,
                LambdaEvents.event("events/grab-anonymous.json", Map.of("PACKET", packet)));
        assertEquals(401, refused.path("statusCode").asInt(), refused.toString());
    }

    @Test
    void runsTheScheduledJobs() {
        for (Job job : LambdaEvents.scheduledJobs("redpacket", 0)) {
            JsonNode answer = LambdaEvents.invoke(LAMBDA_PORT, job.event());
            assertEquals(200, answer.path("statusCode").asInt(), job.source() + ": " + answer);
        }
    }
}

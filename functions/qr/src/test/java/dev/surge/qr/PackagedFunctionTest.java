package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * event server, JSON is read and written, refusals are problems, a code is allocated and resolved, and the
 * scheduled refill renders PNG codes, which shows that reflection and resources are registered for the image.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(value = LambdaRuntimeApi.class, initArgs = @ResourceArg(name = LambdaRuntimeApi.PORT, value = "8204"))
@QuarkusTestResource(FakeWeChatResource.class)
class PackagedFunctionTest {

    static final int LAMBDA_PORT = 8204;

    @Test
    void answersPing() {
        given().get("/v1/ping").then().statusCode(200);
    }

    @Test
    void allocatesFromClaimsResolvesForAnyoneAndRefusesAnEventWithoutClaims() {
        String body = "{\"page\":\"pages/poster/view\",\"params\":{\"campaign\":\"spring\"},\"businessType\":\"poster\"}";
        JsonNode allocated = LambdaEvents.invoke(LAMBDA_PORT, LambdaEvents.event("events/allocate-jwt-base64.json",
                Map.of("KEY", UUID.randomUUID().toString(), "BODY64", LambdaEvents.base64(body))));
        assertEquals(201, allocated.path("statusCode").asInt(), allocated.toString());
        String requestId = LambdaEvents.body(allocated).path("requestId").asText();
        JsonNode resolved = LambdaEvents.invoke(LAMBDA_PORT,
                LambdaEvents.event("events/resolve-anonymous.json", Map.of("REQUEST", requestId)));
        assertEquals(200, resolved.path("statusCode").asInt(), resolved.toString());
        assertEquals("spring", LambdaEvents.body(resolved).path("params").path("campaign").asText());
        JsonNode refused = LambdaEvents.invoke(LAMBDA_PORT,
                LambdaEvents.event("events/allocate-anonymous.json", Map.of("KEY", UUID.randomUUID().toString())));
        assertEquals(401, refused.path("statusCode").asInt(), refused.toString());
    }

    @Test
    void refillsOnePoolOnSchedule() {
        JsonNode answer = LambdaEvents.invoke(LAMBDA_PORT,
                LambdaEvents.event("events/refill-scheduled-query.json", Map.of("POOL", "poster")));
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        assertEquals("poster", LambdaEvents.body(answer).path("pools").get(0).path("pool").asText());
        for (Job job : LambdaEvents.scheduledJobs("qr", 0)) {
            JsonNode run = LambdaEvents.invoke(LAMBDA_PORT, job.event());
            assertEquals(200, run.path("statusCode").asInt(), job.source() + ": " + run);
        }
    }
}

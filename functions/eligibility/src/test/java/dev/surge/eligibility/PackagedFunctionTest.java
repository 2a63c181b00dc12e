package dev.surge.eligibility;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.LambdaEvents;
import dev.surge.shared.testing.LambdaRuntimeApi;
import dev.surge.shared.testing.LocalServices;

/**
 * The function behind its Lambda runtime loop, as a test here and, through {@link NativeFunctionIT}, as the
 * native executable in CI's native workflow ({@code -Dnative}): HTTP API events reach it through the mock
 * event server, JSON is read and written, refusals are problems, which shows that reflection and resources
 * are registered for the image.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "false"))
@QuarkusTestResource(value = LambdaRuntimeApi.class, initArgs = @ResourceArg(name = LambdaRuntimeApi.PORT, value = "8201"))
class PackagedFunctionTest {

    static final int LAMBDA_PORT = 8201;

    @Test
    void answersPing() {
        given().get("/v1/ping").then().statusCode(200);
    }

    @Test
    void refusesAnEventWithoutClaimsAndAnswersClaimsWithAProblemForAnUnknownCampaign() {
        JsonNode refused = LambdaEvents.invoke(LAMBDA_PORT, LambdaEvents.event("events/http-api-anonymous.json", Map.of()));
        assertEquals(401, refused.path("statusCode").asInt(), refused.toString());
        JsonNode unknown = LambdaEvents.invoke(LAMBDA_PORT,
                LambdaEvents.event("events/http-api-jwt.json", Map.of("CAMPAIGN", "987654321")));
        assertEquals(404, unknown.path("statusCode").asInt(), unknown.toString());
        assertTrue(LambdaEvents.header(unknown, "Content-Type").startsWith("application/problem+json"), unknown.toString());
    }
}

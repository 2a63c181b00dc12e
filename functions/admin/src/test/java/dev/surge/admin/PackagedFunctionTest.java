package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * event server, JSON is read and written, refusals are problems, Flyway migrates the schema at start, and a
 * campaign is created from a base64 body, which shows that reflection and resources are registered for the
 * image.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "false"))
@QuarkusTestResource(value = LambdaRuntimeApi.class, initArgs = @ResourceArg(name = LambdaRuntimeApi.PORT, value = "8205"))
class PackagedFunctionTest {

    static final int LAMBDA_PORT = 8205;

    @Test
    void answersPing() {
        given().get("/v1/ping").then().statusCode(200);
    }

    @Test
    void operatorCreatesAndUsersAreForbidden() {
        String body = Admin.json(Admin.campaign("Native"));
        JsonNode created = LambdaEvents.invoke(LAMBDA_PORT,
                LambdaEvents.event("events/create-admin-base64.json", Map.of("BODY64", LambdaEvents.base64(body))));
        assertEquals(201, created.path("statusCode").asInt(), created.toString());
        assertEquals("draft", LambdaEvents.body(created).path("status").asText());
        JsonNode user = LambdaEvents.invoke(LAMBDA_PORT, LambdaEvents.event("events/list-user-jwt.json", Map.of()));
        assertEquals(403, user.path("statusCode").asInt(), user.toString());
    }
}

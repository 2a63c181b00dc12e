package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
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
 * event server, JSON is read and written, refusals are problems, the deploy's migration step applies the schema
 * (the native executable runs the production profile, which does not migrate at start), and a campaign is created
 * from a base64 body, which shows that reflection and resources (the migrations among them) are registered for
 * the image.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "false"))
@QuarkusTestResource(value = LambdaRuntimeApi.class, initArgs = @ResourceArg(name = LambdaRuntimeApi.PORT, value = "8205"))
class PackagedFunctionTest {

    static final int LAMBDA_PORT = 8205;

    /** What the deploy does before the function takes traffic: the schema migration step's event. */
    @BeforeEach
    void migrateAsTheDeployDoes() {
        Job step = LambdaEvents.scheduledJobs("admin")
                .stream()
                .filter(j -> Job.DEPLOY.equals(j.schedule()))
                .findFirst()
                .orElseThrow();
        JsonNode migrated = LambdaEvents.invoke(LAMBDA_PORT, step.event());
        assertEquals(200, migrated.path("statusCode").asInt(), migrated.toString());
        assertEquals(Integer.toString(LocalServices.latestMigration()), LambdaEvents.body(migrated).path("after").asText());
    }

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

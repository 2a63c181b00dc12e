package dev.surge.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.surge.shared.testing.LambdaEvents;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.deploy.Job;

/**
 * Real API Gateway HTTP API (payload 2.0) events through the Lambda runtime loop and handler: the operator is
 * whoever the admin authorizer's claims say, bodies may arrive base64-encoded, query strings are the event's,
 * the operator console's files are served through their route without a token, the scheduled reconciliation of every raffle of both deployment files reaches its endpoint, and so does their schema migration
 * step.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class LambdaEventTest {

    @ConfigProperty(name = "quarkus.lambda.mock-event-server.test-port")
    int lambdaPort;

    @Test
    void operatorCreatesFromABase64BodyAndListsWithAQueryString() {
        String body = Admin.json(Admin.campaign("Lambda created"));
        JsonNode created = LambdaEvents.invoke(lambdaPort,
                LambdaEvents.event("events/create-admin-base64.json", Map.of("BODY64", LambdaEvents.base64(body))));
        assertEquals(201, created.path("statusCode").asInt(), created.toString());
        long id = LambdaEvents.body(created).path("id").asLong();
        assertTrue(id > 0, created.toString());
        assertEquals("draft", LambdaEvents.body(created).path("status").asText());

        JsonNode listed = LambdaEvents.invoke(lambdaPort, LambdaEvents.event("events/list-admin-query.json", Map.of()));
        assertEquals(200, listed.path("statusCode").asInt(), listed.toString());
        boolean found = false;
        for (JsonNode campaign : LambdaEvents.body(listed)) {
            assertEquals("draft", campaign.path("status").asText(), "the status filter comes from the query string");
            found |= campaign.path("id").asLong() == id;
        }
        assertTrue(found, listed.toString());
    }

    @Test
    void userClaimsWithoutTheAdminScopeAreForbiddenAndNoClaimsUnauthorized() {
        JsonNode user = LambdaEvents.invoke(lambdaPort, LambdaEvents.event("events/list-user-jwt.json", Map.of()));
        assertEquals(403, user.path("statusCode").asInt(), user.toString());
        JsonNode anonymous = LambdaEvents.invoke(lambdaPort, LambdaEvents.event("events/list-anonymous.json", Map.of()));
        assertEquals(401, anonymous.path("statusCode").asInt(), anonymous.toString());
        assertTrue(LambdaEvents.header(anonymous, "Content-Type").startsWith("application/problem+json"), anonymous.toString());
    }

    @Test
    void theConsolesFilesAreServedThroughTheirRouteWithoutAToken() {
        for (Map.Entry<String, String> file : Map.of("index.html", "text/html", "js/app.js", "javascript",
                "console.css", "text/css").entrySet()) {
            JsonNode answer = LambdaEvents.invoke(lambdaPort,
                    LambdaEvents.event("events/console-file.json", Map.of("FILE", file.getKey())));
            assertEquals(200, answer.path("statusCode").asInt(), file.getKey() + ": " + answer);
            assertTrue(LambdaEvents.header(answer, "Content-Type").contains(file.getValue()), answer.toString());
            String body = answer.path("body").asText();
            if (answer.path("isBase64Encoded").asBoolean(false)) {
                body = new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertTrue(body.length() > 100, file.getKey() + ": " + body);
        }
    }

    @Test
    void reconciliationRunsFromAQueryStringAndFromBothSchedules() {
        long id = Admin.created("Lambda raffle");
        Admin.operator()
                .contentType(ContentType.JSON)
                .body(Admin.json(Map.of("interceptRatio", 0.05, "noPrizeWeight", 900)))
                .put(Admin.CAMPAIGNS + "/" + id + "/raffle")
                .then()
                .statusCode(200);
        Admin.operator()
                .contentType(ContentType.JSON)
                .body(Admin.json(Map.of("name", "Phone", "weight", 100, "stock", 10)))
                .post(Admin.CAMPAIGNS + "/" + id + "/prizes")
                .then()
                .statusCode(201);
        Admin.status(id, "online").statusCode(200);

        JsonNode manual = LambdaEvents.invoke(lambdaPort,
                LambdaEvents.event("events/reconcile-admin-query.json", Map.of("CAMPAIGN", Long.toString(id))));
        assertEquals(200, manual.path("statusCode").asInt(), manual.toString());
        assertFalse(LambdaEvents.body(manual).path("repaired").asBoolean(true), manual.toString());

        List<Job> jobs = LambdaEvents.scheduledJobs("admin")
                .stream()
                .filter(j -> !Job.DEPLOY.equals(j.schedule()) && j.event().contains("/internal/v1/raffles/reconcile"))
                .toList();
        assertEquals(2, jobs.size(), "the raffle reconciliation schedule of template.yaml and of terraform: " + jobs);
        for (Job job : jobs) {
            assertEquals("rate(5 minutes)", job.schedule(), job.source());
            JsonNode answer = LambdaEvents.invoke(lambdaPort, job.event());
            assertEquals(200, answer.path("statusCode").asInt(), job.source() + ": " + answer);
            assertTrue(LambdaEvents.body(answer).path("raffles").isArray(), answer.toString());
        }
    }

    @Test
    void bothEventRelaySchedulesReachTheRelayThroughTheHandler() {
        List<Job> jobs = LambdaEvents.scheduledJobs("admin")
                .stream()
                .filter(j -> j.event().contains("/internal/v1/events/relay"))
                .toList();
        assertEquals(2, jobs.size(), "the event relay schedule of template.yaml and of terraform: " + jobs);
        for (Job job : jobs) {
            assertEquals("rate(1 minute)", job.schedule(), job.source());
            JsonNode answer = LambdaEvents.invoke(lambdaPort, job.event());
            assertEquals(200, answer.path("statusCode").asInt(), job.source() + ": " + answer);
            // Whether the local queue runs or not, the run says how it ended.
            assertTrue(LambdaEvents.body(answer).path("outcome").isTextual(), answer.toString());
        }
        assertEquals(2, LambdaEvents.scheduledJobs("admin").stream().filter(j -> !Job.DEPLOY.equals(j.schedule())).count()
                - jobs.size(), "the admin function's schedules are the reconciliation's and the relay's, in both files");
    }

    @Test
    void theDeployStepsMigrationEventsReachTheMigrationThroughTheHandler() {
        List<Job> steps = LambdaEvents.scheduledJobs("admin")
                .stream()
                .filter(j -> Job.DEPLOY.equals(j.schedule()))
                .toList();
        assertEquals(2, steps.size(), "the schema migration of template.yaml and of terraform: " + steps);
        String latest = Integer.toString(LocalServices.latestMigration());
        for (Job step : steps) {
            JsonNode answer = LambdaEvents.invoke(lambdaPort, step.event());
            assertEquals(200, answer.path("statusCode").asInt(), step.source() + ": " + answer);
            // This test's function migrated when it started, as it does outside production: nothing is left to apply.
            assertEquals(latest, LambdaEvents.body(answer).path("after").asText(), answer.toString());
            assertEquals(0, LambdaEvents.body(answer).path("applied").asInt(), answer.toString());
        }
    }
}

package dev.surge.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.LambdaEvents;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.deploy.Job;

/**
 * Real API Gateway HTTP API (payload 2.0) events through the Lambda runtime loop and handler: an allocation
 * belongs to whoever the authorizer's claims say and may arrive base64-encoded, a scan needs no claims, the
 * scheduled refill of one pool is named by the event's query string, and the refill and settle schedules of
 * both deployment files reach their jobs.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class LambdaEventTest {

    @ConfigProperty(name = "quarkus.lambda.mock-event-server.test-port")
    int lambdaPort;

    @Test
    void claimsAllocateFromABase64BodyAndAnyoneResolves() {
        String body = "{\"page\":\"pages/poster/view\",\"params\":{\"campaign\":\"spring\"},\"businessType\":\"poster\"}";
        JsonNode allocated = LambdaEvents.invoke(lambdaPort, LambdaEvents.event("events/allocate-jwt-base64.json",
                Map.of("KEY", UUID.randomUUID().toString(), "BODY64", LambdaEvents.base64(body))));
        assertEquals(201, allocated.path("statusCode").asInt(), allocated.toString());
        String requestId = LambdaEvents.body(allocated).path("requestId").asText();
        assertTrue(LambdaEvents.header(allocated, "Location").endsWith("/v1/qr-codes/" + requestId), allocated.toString());

        JsonNode resolved = LambdaEvents.invoke(lambdaPort,
                LambdaEvents.event("events/resolve-anonymous.json", Map.of("REQUEST", requestId)));
        assertEquals(200, resolved.path("statusCode").asInt(), resolved.toString());
        assertEquals("pages/poster/view", LambdaEvents.body(resolved).path("page").asText());
        assertEquals("spring", LambdaEvents.body(resolved).path("params").path("campaign").asText());
    }

    @Test
    void allocationWithoutClaimsOrTokenIsRefused() {
        JsonNode refused = LambdaEvents.invoke(lambdaPort,
                LambdaEvents.event("events/allocate-anonymous.json", Map.of("KEY", UUID.randomUUID().toString())));
        assertEquals(401, refused.path("statusCode").asInt(), refused.toString());
    }

    @Test
    void scheduledRefillOfOnePoolIsNamedByTheQueryString() {
        JsonNode answer = LambdaEvents.invoke(lambdaPort,
                LambdaEvents.event("events/refill-scheduled-query.json", Map.of("POOL", "poster")));
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        JsonNode pools = LambdaEvents.body(answer).path("pools");
        assertEquals(1, pools.size(), answer.toString());
        assertEquals("poster", pools.get(0).path("pool").asText());
    }

    @Test
    void bothDeploymentsScheduleRefillAndSettleThroughTheHandler() {
        List<Job> jobs = LambdaEvents.scheduledJobs("qr", 0);
        assertEquals(4, jobs.size(), "refill and settle, in template.yaml and in terraform: " + jobs);
        for (Job job : jobs) {
            JsonNode answer = LambdaEvents.invoke(lambdaPort, job.event());
            assertEquals(200, answer.path("statusCode").asInt(), job.source() + ": " + answer);
            assertTrue(LambdaEvents.body(answer).isObject(), answer.toString());
        }
    }
}

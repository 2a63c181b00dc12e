package dev.surge.redpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.LambdaEvents;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.deploy.Job;

/**
 * Real API Gateway HTTP API (payload 2.0) events through the Lambda runtime loop and handler: the sender and
 * the grabbers are whoever the authorizer's claims say, a send may arrive base64-encoded, a query string does
 * not disturb the route, and the settle and refund schedules of both deployment files reach their jobs.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class LambdaEventTest {

    @ConfigProperty(name = "quarkus.lambda.mock-event-server.test-port")
    int lambdaPort;

    @AfterEach
    void releaseClock() {
        MovableClockProducer.clockInUse().release();
    }

    @Test
    void claimsSendFromABase64BodyAndGrabTheirShares() {
        String body = "{\"amountCents\":300,\"count\":3,\"mode\":\"equal\",\"greeting\":\"新年快乐\"}";
        JsonNode sent = LambdaEvents.invoke(lambdaPort, LambdaEvents.event("events/send-jwt-base64.json",
                Map.of("KEY", Packets.key(), "BODY64", LambdaEvents.base64(body))));
        assertEquals(201, sent.path("statusCode").asInt(), sent.toString());
        String packet = LambdaEvents.body(sent).path("id").asText();
        assertEquals("新年快乐", LambdaEvents.body(sent).path("greeting").asText(), "the base64 body is read as UTF-8");

        for (String user : List.of("gateway-grabber-1", "gateway-grabber-2")) {
            JsonNode grabbed = LambdaEvents.invoke(lambdaPort,
                    LambdaEvents.event("events/grab-jwt.json", Map.of("PACKET", packet, "USER", user)));
            assertEquals(200, grabbed.path("statusCode").asInt(), grabbed.toString());
            assertEquals("grabbed", LambdaEvents.body(grabbed).path("outcome").asText(), grabbed.toString());
            assertEquals(100, LambdaEvents.body(grabbed).path("amountCents").asInt(), grabbed.toString());
        }

        JsonNode details = LambdaEvents.invoke(lambdaPort,
                LambdaEvents.event("events/details-jwt-query.json", Map.of("PACKET", packet)));
        assertEquals(200, details.path("statusCode").asInt(), details.toString());
        assertEquals(packet, LambdaEvents.body(details).path("id").asText());
    }

    @Test
    void eventWithoutClaimsOrTokenIsRefused() {
        JsonNode refused = LambdaEvents.invoke(lambdaPort,
                LambdaEvents.event("events/grab-anonymous.json", Map.of("PACKET", "p-unknown")));
        assertEquals(401, refused.path("statusCode").asInt(), refused.toString());
    }

    @Test
    void bothDeploymentsScheduleSettleAndRefundThroughTheHandler() {
        List<Job> jobs = LambdaEvents.scheduledJobs("redpacket", 0);
        assertEquals(4, jobs.size(), "settle and refund, in template.yaml and in terraform: " + jobs);
        for (Job job : jobs) {
            JsonNode answer = LambdaEvents.invoke(lambdaPort, job.event());
            assertEquals(200, answer.path("statusCode").asInt(), job.source() + ": " + answer);
            assertTrue(LambdaEvents.body(answer).isObject(), answer.toString());
        }
    }
}

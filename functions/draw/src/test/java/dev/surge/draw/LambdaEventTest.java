package dev.surge.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.testing.LambdaEvents;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.deploy.Job;

/**
 * Real API Gateway HTTP API (payload 2.0) events through the Lambda runtime loop and handler: the player is
 * whoever the authorizer's claims say, the body may arrive base64-encoded, a query string does not disturb the
 * route, and the pending-settle schedule of both deployment files reaches the sweeper.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class LambdaEventTest {

    @Inject
    Raffles raffles;

    @ConfigProperty(name = "quarkus.lambda.mock-event-server.test-port")
    int lambdaPort;

    @Test
    void claimsDrawFromABase64BodyAndTheResultIsReadWithAQueryString() {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("mug", 1, 5));
        String key = UUID.randomUUID().toString();
        Map<String, String> values = Map.of("CAMPAIGN", Long.toString(raffle.id()), "KEY", key, "BODY64",
                LambdaEvents.base64("{\"channel\":\"app\"}"));

        JsonNode drawn = LambdaEvents.invoke(lambdaPort, LambdaEvents.event("events/draw-jwt-base64.json", values));
        assertEquals(200, drawn.path("statusCode").asInt(), drawn.toString());
        JsonNode answer = LambdaEvents.body(drawn);
        assertEquals("won", answer.path("outcome").asText(), answer.toString());
        assertEquals(1, raffles.grants(raffle.id()));

        JsonNode read = LambdaEvents.invoke(lambdaPort, LambdaEvents.event("events/result-jwt-query.json", values));
        assertEquals(200, read.path("statusCode").asInt(), read.toString());
        assertEquals(answer.path("drawId").asText(), LambdaEvents.body(read).path("drawId").asText());
    }

    @Test
    void eventWithoutClaimsOrTokenIsRefusedAndDrawsNothing() {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("mug", 1, 5));
        JsonNode refused = LambdaEvents.invoke(lambdaPort, LambdaEvents.event("events/draw-anonymous.json",
                Map.of("CAMPAIGN", Long.toString(raffle.id()), "KEY", UUID.randomUUID().toString())));
        assertEquals(401, refused.path("statusCode").asInt(), refused.toString());
        assertEquals(0, raffles.grants(raffle.id()));
    }

    @Test
    void bothDeploymentsScheduleTheSweeperThroughTheHandler() {
        List<Job> jobs = LambdaEvents.scheduledJobs("draw", 0);
        assertEquals(2, jobs.size(), "the settle schedule of template.yaml and of terraform: " + jobs);
        for (Job job : jobs) {
            JsonNode answer = LambdaEvents.invoke(lambdaPort, job.event());
            assertEquals(200, answer.path("statusCode").asInt(), job.source() + ": " + answer);
            assertTrue(LambdaEvents.body(answer).has("confirmed"), answer.toString());
        }
    }
}

package dev.surge.eligibility;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.surge.shared.model.Rule;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;

/**
 * Real API Gateway HTTP API (payload 2.0) events through the Lambda runtime loop and handler: the caller is
 * whoever the JWT authorizer's claims say, with no bearer token for the function to verify.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class LambdaEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Publications publications;

    @ConfigProperty(name = "quarkus.lambda.mock-event-server.test-port")
    int lambdaPort;

    @Test
    void decisionIsForTheUserInTheAuthorizerClaims() throws Exception {
        long id = Publications.newId();
        publications.publish(Publications.online(id, 1,
                new Rule("user-tags", JSON.readTree("{\"anyOf\":[\"vip\"]}"))));

        JsonNode answer = invoke("events/http-api-jwt.json", id);
        assertEquals(200, answer.get("statusCode").asInt(), answer.toString());
        JsonNode decision = JSON.readTree(answer.get("body").asText());
        assertEquals("gateway-user-7", decision.get("userId").asText());
        // The tags claim arrives flattened by API Gateway ("[vip gold]") and still decides.
        assertEquals(true, decision.get("eligible").asBoolean(), decision.toString());
        assertEquals(id, decision.get("campaignId").asLong());
    }

    @Test
    void eventWithoutClaimsOrTokenIsRefused() throws Exception {
        JsonNode answer = invoke("events/http-api-anonymous.json", 1);
        assertEquals(401, answer.get("statusCode").asInt(), answer.toString());
    }

    /**
     * An API Gateway event carries the raw bearer header beside the authorizer's verified claims; here the header
     * is not even a valid token for this function, and the claims alone say who the caller is.
     */
    @Test
    void theCallerIsWhomTheAuthorizerClaimsNameNotTheRawHeader() throws Exception {
        JsonNode answer = invoke("events/http-api-me.json", 0);
        assertEquals(200, answer.get("statusCode").asInt(), answer.toString());
        JsonNode me = JSON.readTree(answer.get("body").asText());
        assertEquals("gateway-user-9", me.path("userId").asText(), me.toString());
        assertEquals(java.util.Set.of("vip", "gold"), java.util.Set.of(me.path("tags").get(0).asText(),
                me.path("tags").get(1).asText()));
        assertEquals(2, me.path("tags").size());
        assertEquals("2026-01-01T00:00:00Z", me.path("registeredAt").asText());
        assertEquals("+8613800000000", me.path("phoneNumber").asText());
        assertEquals("[\"surge/user\"]", me.path("scopes").toString());
    }

    private JsonNode invoke(String resource, long campaignId) throws Exception {
        String event;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__CAMPAIGN__", Long.toString(campaignId));
        }
        String raw = given().port(lambdaPort)
                .contentType(ContentType.JSON)
                .body(event)
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return JSON.readTree(raw);
    }
}

package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.surge.shared.testing.CapturedLog;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/**
 * A draw that falls back logs one JSON line with its route template, the campaign of its path and the outcome; the
 * caller's bearer and attribute tokens appear nowhere in the log.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestProfile(DrawLogLinesTest.JsonLogsRedisDown.class)
class DrawLogLinesTest {

    /** JSON logs as in production, and a Redis where nothing listens. */
    public static class JsonLogsRedisDown implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.json.enabled", "true", "quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFallbackLineNamesTheRouteTemplateAndTheCampaign() throws Exception {
        String bearer = TestTokens.user("log-drawer");
        String attributes = TestTokens.attributes("log-drawer", 5_000);
        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            given().auth()
                    .oauth2(bearer)
                    .header(TestTokens.ATTRIBUTES_HEADER, attributes)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(ContentType.JSON)
                    .body("{\"channel\":\"app\"}")
                    .post("/v1/campaigns/4242/draws")
                    .then()
                    .statusCode(503);
            lines = log.lines();
        }
        JsonNode fallback = null;
        for (String line : lines) {
            JsonNode parsed = JSON.readTree(line);
            if (parsed.path("message").asText().startsWith("draw fell back")) {
                fallback = parsed;
            }
            for (String part : (bearer + "." + attributes).split("\\.")) {
                assertFalse(line.contains(part), "a log line carries a token: " + line);
            }
        }
        if (fallback == null) {
            throw new AssertionError("no fallback line among " + lines);
        }
        assertEquals("WARN", fallback.path("level").asText());
        assertEquals("surge-draw", fallback.path("function").asText());
        JsonNode mdc = fallback.path("mdc");
        assertEquals("/v1/campaigns/{campaignId}/draws", mdc.path("route").asText(), fallback.toString());
        assertEquals("4242", mdc.path("campaignId").asText(), fallback.toString());
        assertEquals("fallback", mdc.path("outcome").asText(), fallback.toString());
        assertFalse(mdc.path("requestId").asText().isBlank(), fallback.toString());
    }
}

package dev.surge.eligibility;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.surge.shared.testing.CapturedLog;
import dev.surge.shared.testing.TestTokens;

/**
 * The log lines of production: JSON (switched on here as the prod profile does), each with the function, the
 * request id, the route and, on a failure line, the outcome and its reason, and never a token. Redis is down, so
 * every decision falls back and logs; the lines are captured as the console writes them.
 */
@QuarkusTest
@TestProfile(LogLinesTest.JsonLogsRedisDown.class)
class LogLinesTest {

    /** JSON logs as in production, and a Redis where nothing listens. */
    public static class JsonLogsRedisDown implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.json.enabled", "true", "quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private CapturedLog log;

    @BeforeEach
    void capture() {
        log = CapturedLog.start();
        assertTrue(log.formatter().getClass().getName().contains("Json"), "console formatter: " + log.formatter());
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void failureLinesAreJsonWithTheRequestsFieldsAndNoToken() throws Exception {
        String bearer = TestTokens.user("log-reader");
        String attributes = TestTokens.attributes("log-reader", 12_000);
        String expired = TestTokens.expired("log-reader");
        for (int i = 0; i < 3; i++) {
            given().auth()
                    .oauth2(bearer)
                    .header(TestTokens.ATTRIBUTES_HEADER, attributes)
                    .contentType(ContentType.JSON)
                    .body("{\"campaignIds\":[7]}")
                    .post("/v1/eligibility")
                    .then()
                    .statusCode(503);
        }
        given().auth().oauth2(expired).contentType(ContentType.JSON).body("{}").post("/v1/eligibility").then().statusCode(401);

        List<JsonNode> lines = new ArrayList<>();
        List<String> written = log.lines();
        for (String line : written) {
            lines.add(JSON.readTree(line));
            for (String token : List.of(bearer, attributes, expired)) {
                // The signature alone would be enough to misuse nothing, but no part of a token belongs in a log.
                for (String part : token.split("\\.")) {
                    assertFalse(line.contains(part), "a log line carries a token: " + line);
                }
            }
        }
        JsonNode fallback = lines.stream()
                .filter(l -> l.path("message").asText().startsWith("eligibility fell back"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no fallback line among " + written));
        assertEquals("WARN", fallback.path("level").asText());
        assertEquals("surge-eligibility", fallback.path("function").asText());
        JsonNode mdc = fallback.path("mdc");
        assertEquals("/v1/eligibility", mdc.path("route").asText(), fallback.toString());
        assertEquals("fallback", mdc.path("outcome").asText(), fallback.toString());
        assertFalse(mdc.path("reason").asText().isEmpty(), fallback.toString());
        assertNotNull(mdc.get("requestId"), "no Lambda request id: " + fallback);
        assertFalse(mdc.path("requestId").asText().isBlank(), fallback.toString());
        // The cause is on the line: an operator sees why without turning on DEBUG.
        assertTrue(fallback.path("message").asText().length() > "eligibility fell back: ".length(), fallback.toString());
    }
}

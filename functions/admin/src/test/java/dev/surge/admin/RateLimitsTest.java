package dev.surge.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;

/**
 * A campaign's per-user rate limits as operators write them: stored, shown, published with the campaign for the
 * hot paths, replaced or removed by an edit; a bad value is a 400 problem naming the field, and changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class RateLimitsTest {

    @Inject
    Footprint footprint;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    private static Map<String, Object> limit(Object max, Object windowSeconds) {
        Map<String, Object> limit = new HashMap<>();
        limit.put("max", max);
        limit.put("windowSeconds", windowSeconds);
        return limit;
    }

    private static Map<String, Object> withRateLimits(Map<String, Object> rateLimits) {
        Map<String, Object> body = Admin.campaign("Rate limited");
        body.put("rateLimits", rateLimits);
        return body;
    }

    private Campaign snapshot(long id) throws Exception {
        String text = redis.value(String.class).get(keys.campaign(id).snapshot());
        assertNotNull(text, "no snapshot of campaign " + id);
        return json.readValue(text, Campaign.class);
    }

    @Test
    void limitsAreStoredShownPublishedAndReplaced() throws Exception {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("draw", limit(5, 60));
        limits.put("qr", limit(3, 86400));
        long id = Admin.create(withRateLimits(limits))
                .statusCode(201)
                .body("rateLimits.draw.max", equalTo(5))
                .body("rateLimits.draw.windowSeconds", equalTo(60))
                .body("rateLimits.qr.windowSeconds", equalTo(86400))
                .body("rateLimits.shake", nullValue())
                .extract()
                .jsonPath()
                .getLong("id");
        Admin.get(id).statusCode(200).body("rateLimits.draw.max", equalTo(5));

        Admin.publish(id).statusCode(200);
        assertEquals(new RateLimits(new RateLimit(5, 60), null, new RateLimit(3, 86400)), snapshot(id).rateLimits());

        // An edit replaces them (seen by the hot path at the next publish); one without them removes them.
        Admin.update(id, withRateLimits(Map.of("shake", limit(10, 1))))
                .statusCode(200)
                .body("rateLimits.shake.max", equalTo(10))
                .body("rateLimits.draw", nullValue());
        Admin.publish(id).statusCode(200);
        assertEquals(new RateLimits(null, new RateLimit(10, 1), null), snapshot(id).rateLimits());
        Admin.update(id, Admin.campaign("Rate limited")).statusCode(200).body("rateLimits", nullValue());
        Admin.publish(id).statusCode(200);
        assertEquals(RateLimits.NONE, snapshot(id).rateLimits());
    }

    @Test
    void aCampaignWithoutLimitsHasNone() throws Exception {
        long id = Admin.created("No limits");
        Admin.get(id).statusCode(200).body("rateLimits", nullValue());
        Admin.publish(id).statusCode(200);
        assertEquals(RateLimits.NONE, snapshot(id).rateLimits());
    }

    @ParameterizedTest
    @CsvSource({
            "draw, -1, 60, rateLimits.draw.max",
            "draw, 0, 60, rateLimits.draw.max",
            "shake, 5, 0, rateLimits.shake.windowSeconds",
            "shake, 5, -30, rateLimits.shake.windowSeconds",
            "qr, 5, 86401, rateLimits.qr.windowSeconds",
            "qr, 1000001, 60, rateLimits.qr.max",
            "draw, , 60, rateLimits.draw.max",
            "qr, 3, , rateLimits.qr.windowSeconds"})
    void badLimitsAre400NamingTheFieldAndChangeNothing(String path, Integer max, Integer window, String field)
            throws Exception {
        long id = Admin.create(withRateLimits(Map.of("draw", limit(5, 60)))).statusCode(201).extract().jsonPath().getLong("id");
        Admin.publish(id).statusCode(200);
        Footprint.Capture before = footprint.capture();
        Map<String, Object> bad = withRateLimits(Map.of(path, limit(max, window)));
        Admin.create(bad)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
        Admin.update(id, bad)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
        assertEquals(before, footprint.capture());
        assertEquals(new RateLimits(new RateLimit(5, 60), null, null), snapshot(id).rateLimits());
        Admin.get(id).statusCode(200).body("rateLimits.draw.max", equalTo(5));
    }

    @Test
    void malformedLimitsAre400() {
        Footprint.Capture before = footprint.capture();
        Admin.create(withRateLimits(Map.of("draw", limit("five", 60))))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("rateLimits.draw.max"));
        Admin.create(withRateLimits(Map.of("draw", limit(5, 1.5))))
                .statusCode(400)
                .contentType("application/problem+json");
        Admin.create(withRateLimits(Map.of("draw", Map.of("max", 5, "windowSeconds", 60, "burst", 9))))
                .statusCode(400)
                .body("detail", containsString("unknown field 'burst'"));
        Admin.create(withRateLimits(Map.of("grab", limit(5, 60))))
                .statusCode(400)
                .body("detail", containsString("unknown field 'grab'"));
        Admin.create(withRateLimits(Map.of("draw", 5))).statusCode(400).contentType("application/problem+json");
        assertEquals(before, footprint.capture());
    }
}

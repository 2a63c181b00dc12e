package dev.surge.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.surge.shared.testing.LocalServices;

/** Bad input gets a clear 400 problem document, on create and on update alike, and changes nothing. */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class BadInputTest {

    @Inject
    Footprint footprint;

    /** A valid body with one change: a field set to a value, or removed when the value is null. */
    private static String with(String field, Object value) {
        Map<String, Object> body = Admin.campaign("Bad input");
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return Admin.json(body);
    }

    private static String edited(UnaryOperator<String> edit) {
        return edit.apply(Admin.json(Admin.campaign("Bad input")));
    }

    private static Map<String, Object> rule(String kind, Object params) {
        return Map.of("kind", kind, "params", params);
    }

    static Stream<Arguments> badBodies() {
        List<Map<String, Object>> tooManyRules = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            tooManyRules.add(rule("channel", Map.of("anyOf", List.of("app"))));
        }
        return Stream.of(
                // Not JSON, or not the shape of a campaign.
                Arguments.of("{\"name\":\"x\",", "not valid JSON"),
                Arguments.of("[1,2]", "wrong shape"),
                Arguments.of("\"campaign\"", "wrong shape"),
                Arguments.of("", "must be a JSON object"),
                Arguments.of("null", "must be a JSON object"),
                // Fields of the wrong type, none of them coerced into something else.
                Arguments.of(with("priority", "high"), "priority"),
                Arguments.of(with("priority", "7"), "priority"),
                Arguments.of(with("priority", 7.5), "priority"),
                Arguments.of(with("name", 42), "name"),
                Arguments.of(with("name", List.of("a")), "name"),
                Arguments.of(with("startsAt", "yesterday"), "startsAt"),
                Arguments.of(with("startsAt", 1767225600), "startsAt"),
                Arguments.of(with("limit", 5), "limit"),
                Arguments.of(with("limit", Map.of("total", "three")), "limit.total"),
                Arguments.of(with("rules", "all"), "rules"),
                Arguments.of(with("rules", List.of("channel")), "rules"),
                Arguments.of(with("zone", 8), "zone"),
                // Unknown or repeated fields.
                Arguments.of(with("status", "online"), "unknown field 'status'"),
                Arguments.of(with("userId", "u-1"), "unknown field 'userId'"),
                Arguments.of(with("limit", Map.of("total", 1, "perWeek", 2)), "unknown field 'perWeek'"),
                Arguments.of(with("rules", List.of(Map.of("kind", "channel", "params", Map.of(), "why", "x"))),
                        "unknown field 'why'"),
                Arguments.of(edited(b -> b.replace("{\"name\":\"Bad input\"", "{\"name\":\"a\",\"name\":\"b\"")),
                        "not valid JSON"),
                // Values out of bounds.
                Arguments.of(with("name", null), "constraint"),
                Arguments.of(with("name", " "), "constraint"),
                Arguments.of(with("name", "n".repeat(121)), "constraint"),
                Arguments.of(with("startsAt", null), "constraint"),
                Arguments.of(with("endsAt", null), "constraint"),
                Arguments.of(with("endsAt", "2020-01-01T00:00:00Z"), "constraint"),
                Arguments.of(edited(b -> b.replaceAll("\"endsAt\":\"[^\"]+\"", "\"endsAt\":\"\"")), "endsAt"),
                Arguments.of(with("startsAt", "+12000-01-01T00:00:00Z"), "constraint"),
                Arguments.of(with("zone", "Mars/Olympus_Mons"), "constraint"),
                Arguments.of(with("zone", "+08:00"), "constraint"),
                Arguments.of(with("priority", -1), "constraint"),
                Arguments.of(with("priority", 1001), "constraint"),
                Arguments.of(with("limit", Map.of("total", 0)), "constraint"),
                Arguments.of(with("limit", Map.of("perDay", -3)), "constraint"),
                Arguments.of(with("rules", tooManyRules), "constraint"),
                Arguments.of(with("rateLimits", Map.of("draw", Map.of("max", -1, "windowSeconds", 60))), "constraint"),
                Arguments.of(with("rateLimits", Map.of("shake", Map.of("max", 3, "windowSeconds", 0))), "constraint"),
                Arguments.of(with("rateLimits", Map.of("qr", Map.of("max", 3))), "constraint"),
                Arguments.of(with("rules", List.of(Map.of("params", Map.of()))), "constraint"),
                // Rules the rule book refuses.
                Arguments.of(with("rules", List.of(rule("teleport", Map.of()))), "unknown rule kind 'teleport'"),
                Arguments.of(with("rules", List.of(rule("status", Map.of()))), "implied"),
                Arguments.of(with("rules", List.of(rule("allow-list", Map.of()))), "'list' is required"),
                Arguments.of(with("rules", List.of(rule("allow-list", Map.of("list", "Bad Name")))), "must name a list"),
                Arguments.of(with("rules", List.of(rule("channel", List.of("app")))), "must be an object"),
                Arguments.of(with("rules", List.of(rule("min-order-amount", Map.of("cents", 0)))), "at least 1"),
                Arguments.of(with("rules", List.of(rule("time-window", Map.of("dailyFrom", "20:00")))), "go together"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadCreateIs400ProblemAndStoresNothing(String body, String detail) {
        Footprint.Capture before = footprint.capture();
        Admin.operator()
                .contentType(ContentType.JSON)
                .body(body)
                .post(Admin.CAMPAIGNS)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body(containsString(detail));
        assertEquals(before, footprint.capture());
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadUpdateIs400ProblemAndChangesNothing(String body, String detail) {
        long id = existing();
        Footprint.Capture before = footprint.capture();
        Admin.operator()
                .contentType(ContentType.JSON)
                .body(body)
                .put(Admin.CAMPAIGNS + "/" + id)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString(detail));
        assertEquals(before, footprint.capture());
    }

    @Test
    void violationsNameTheFieldAtFault() {
        Admin.create(with("endsAt", "2020-01-01T00:00:00Z"))
                .statusCode(400)
                .body("errors[0].field", equalTo("endsAt"))
                .body("errors[0].message", containsString("after startsAt"));
        Admin.create(with("limit", Map.of("total", 0))).statusCode(400).body("errors[0].field", equalTo("limit.total"));
        Admin.create(with("rules", List.of(Map.of("params", Map.of()))))
                .statusCode(400)
                .body("errors[0].field", equalTo("rules[0].kind"));
    }

    @Test
    void aCampaignMustBeSentAsJson() {
        Footprint.Capture before = footprint.capture();
        Admin.operator()
                .contentType(ContentType.TEXT)
                .body("name=x")
                .post(Admin.CAMPAIGNS)
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        assertEquals(before, footprint.capture());
    }

    @Test
    void aMalformedIfMatchIs400() {
        long id = existing();
        Footprint.Capture before = footprint.capture();
        Admin.operator()
                .contentType(ContentType.JSON)
                .header("If-Match", "\"yesterday\"")
                .body(Admin.json(Admin.campaign("x")))
                .put(Admin.CAMPAIGNS + "/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertEquals(before, footprint.capture());
    }

    private static long existing;

    private static long existing() {
        if (existing == 0) {
            existing = Admin.created("Target of bad updates");
        }
        return existing;
    }
}

package dev.surge.admin;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.surge.shared.testing.TestTokens;

/** Calls the admin API over HTTP as an operator, and writes campaign bodies. */
final class Admin {

    static final String CAMPAIGNS = "/admin/v1/campaigns";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Admin() {
    }

    static RequestSpecification operator() {
        return given().auth().oauth2(TestTokens.admin());
    }

    /** A valid campaign body: open from an hour ago for a week, with a channel rule and a limit. */
    static Map<String, Object> campaign(String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("startsAt", now.minus(Duration.ofHours(1)).toString());
        body.put("endsAt", now.plus(Duration.ofDays(7)).toString());
        body.put("zone", "Asia/Shanghai");
        body.put("priority", 10);
        body.put("limit", Map.of("total", 3, "perDay", 1));
        body.put("rules", List.of(Map.of("kind", "channel", "params", Map.of("anyOf", List.of("app"))),
                Map.of("kind", "block-list", "params", Map.of("list", "fraud"))));
        return body;
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An operator's JSON call to {@code /admin/v1/campaigns} + {@code path}; a String body is sent as it is. */
    static ValidatableResponse call(String method, String path, Object body) {
        var request = operator().contentType(ContentType.JSON);
        if (body != null) {
            request.body(body instanceof String s ? s : json(body));
        }
        return request.request(method, CAMPAIGNS + path).then().log().ifValidationFails();
    }

    static ValidatableResponse create(Object body) {
        return operator().contentType(ContentType.JSON)
                .body(body instanceof String s ? s : json(body))
                .post(CAMPAIGNS)
                .then()
                .log()
                .ifValidationFails();
    }

    /** Creates a campaign and returns its id. */
    static long created(String name) {
        return create(campaign(name)).statusCode(201).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse update(long id, Object body) {
        return operator().contentType(ContentType.JSON)
                .body(body instanceof String s ? s : json(body))
                .put(CAMPAIGNS + "/" + id)
                .then()
                .log()
                .ifValidationFails();
    }

    static ValidatableResponse get(long id) {
        return operator().get(CAMPAIGNS + "/" + id).then().log().ifValidationFails();
    }

    static ValidatableResponse publish(long id) {
        return operator().post(CAMPAIGNS + "/" + id + "/publish").then().log().ifValidationFails();
    }

    static ValidatableResponse status(long id, String status) {
        return operator().contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\"}")
                .post(CAMPAIGNS + "/" + id + "/status")
                .then()
                .log()
                .ifValidationFails();
    }

    static String list(long id, String name) {
        return CAMPAIGNS + "/" + id + "/lists/" + name;
    }

    /** Uploads a list; a failure is not logged, as the log would hold the whole body. */
    static ValidatableResponse upload(long id, String name, byte[] body) {
        return operator().contentType("text/plain; charset=utf-8").body(body).put(list(id, name)).then();
    }
}

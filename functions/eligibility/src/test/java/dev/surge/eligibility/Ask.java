package dev.surge.eligibility;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.testing.TestTokens;

/** Asks the eligibility function over HTTP as a given user. */
final class Ask {

    private Ask() {
    }

    static ValidatableResponse as(String userId, String body) {
        return as(userId, Map.of(), body);
    }

    static ValidatableResponse as(String userId, Map<String, Object> claims, String body) {
        return given().auth()
                .oauth2(TestTokens.user(userId, claims))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/eligibility")
                .then()
                .log()
                .ifValidationFails();
    }

    /** Asks with an attribute token, as an app does after the order system signed its order. */
    static ValidatableResponse signed(String userId, String attributeToken, String body) {
        return given().auth()
                .oauth2(TestTokens.user(userId))
                .header(TestTokens.ATTRIBUTES_HEADER, attributeToken)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/eligibility")
                .then()
                .log()
                .ifValidationFails();
    }

    static String campaigns(long... ids) {
        StringBuilder out = new StringBuilder("{\"campaignIds\":[");
        for (int i = 0; i < ids.length; i++) {
            out.append(i == 0 ? "" : ",").append(ids[i]);
        }
        return out.append("]}").toString();
    }

    static String campaign(long id, String attributes) {
        return "{\"campaignIds\":[" + id + "]" + (attributes.isEmpty() ? "" : "," + attributes) + "}";
    }
}

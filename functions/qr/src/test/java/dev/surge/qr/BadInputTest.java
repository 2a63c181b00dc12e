package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.problem.Problem;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/** Bad input is refused with a 4xx problem, and leaves Redis and MySQL exactly as they were. */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class BadInputTest {

    @Inject
    Codes codes;

    private static ValidatableResponse post(String key, String body) {
        var request = given().auth().oauth2(TestTokens.user("mallory")).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/qr-codes").then().log().ifValidationFails();
    }

    private static ValidatableResponse refused(String body, String field) {
        return post("bad-input-key-" + Math.abs(body.hashCode()), body).statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    private static String body(String page, Map<String, String> params, String businessType) {
        StringBuilder json = new StringBuilder("{\"page\":\"").append(page).append("\",\"params\":{");
        String sep = "";
        for (Map.Entry<String, String> p : params.entrySet()) {
            json.append(sep).append('"').append(p.getKey()).append("\":\"").append(p.getValue()).append('"');
            sep = ",";
        }
        return json.append("},\"businessType\":\"").append(businessType).append("\"}").toString();
    }

    /** Keys that do not expire by themselves within the test (quota windows and the token lock do). */
    private static List<String> lasting(List<String> keys) {
        return keys.stream().filter(k -> !k.contains(":quota:") && !k.endsWith(":wx-token-lock")).sorted().toList();
    }

    @Test
    void badInputIsRefusedWithAProblemAndChangesNothing() {
        List<String> keysBefore = lasting(codes.allKeys());
        long rowsBefore = codes.count("1 = 1");
        long posterBefore = codes.level("poster");

        Map<String, String> eleven = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("p" + i, "v");
        }
        refused(body("pages/a", eleven, "poster"), "params");
        refused(body("pages/a", Map.of("long", "v".repeat(257)), "poster"), "params.long");
        Map<String, String> heavy = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            heavy.put("k" + i, "x".repeat(250));
        }
        refused(body("pages/a", heavy, "poster"), "params");
        refused(body("pages/a", Map.of("bad name", "v"), "poster"), "params.bad name");
        refused(body("pages/a", Map.of("k".repeat(40), "v"), "poster"), "params." + "k".repeat(32) + "...");
        refused(body("pages/a", Map.of("ctl", "a\\u0000b"), "poster"), "params.ctl");
        refused(body("/pages/a", Map.of(), "poster"), "page");
        refused(body("pages/../admin", Map.of(), "poster"), "page");
        refused(body("pages//a", Map.of(), "poster"), "page");
        refused(body("pages/a?x=1", Map.of(), "poster"), "page");
        refused(body("p".repeat(129), Map.of(), "poster"), "page");
        refused(body("", Map.of(), "poster"), "page");
        refused(body("pages/a", Map.of(), "lottery"), "businessType");
        refused("{\"params\":{}}", "page");

        post("bad-input-key-unknown", "{\"page\":\"pages/a\",\"businessType\":\"poster\",\"userId\":\"someone-else\"}")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("unknown field 'userId'"));
        post("bad-input-key-nested", "{\"page\":\"pages/a\",\"params\":{\"a\":{\"b\":1}},\"businessType\":\"poster\"}")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
        post("bad-input-key-json", "{\"page\":").statusCode(400).contentType(Problem.MEDIA_TYPE);
        post(null, body("pages/a", Map.of(), "poster")).statusCode(400).contentType(Problem.MEDIA_TYPE);
        post("short", body("pages/a", Map.of(), "poster")).statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "no-token-key-1")
                .body(body("pages/a", Map.of(), "poster"))
                .post("/v1/qr-codes")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        given().get("/v1/qr-codes/0000000000000000000000000y").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth()
                .oauth2(TestTokens.user("mallory"))
                .post("/internal/v1/qr-pools/refill")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);

        assertEquals(keysBefore, lasting(codes.allKeys()));
        assertEquals(rowsBefore, codes.count("1 = 1"));
        assertEquals(posterBefore, codes.level("poster"));
    }
}

package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.qr.service.RequestIds;
import dev.surge.shared.problem.Problem;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.TestTokens;

/** Allocate and resolve over HTTP (through the Lambda adapter), against real Redis and MariaDB. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class ResolveTest {

    @Inject
    Codes codes;

    static ValidatableResponse allocate(String user, String key, Object body) {
        return given().auth()
                .oauth2(TestTokens.user(user))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/qr-codes")
                .then()
                .log()
                .ifValidationFails();
    }

    static ValidatableResponse resolve(String requestId) {
        return given().get("/v1/qr-codes/" + requestId).then().log().ifValidationFails();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void anAllocatedCodeResolvesToItsTargetAndAReplayGivesTheSameCode() {
        String key = key();
        Map<String, Object> body = Map.of("page", "pages/poster/view", "params",
                Map.of("campaign", "spring", "inviter", "u-1"), "businessType", "poster");
        var created = allocate("alice", key, body).statusCode(201)
                .body("imageUrl", endsWith(".png"))
                .body("page", equalTo("pages/poster/view"))
                .body("params.inviter", equalTo("u-1"))
                .extract();
        String requestId = created.path("requestId");
        assertTrue(RequestIds.wellFormed(requestId), requestId);
        assertTrue(created.header("Location").endsWith("/v1/qr-codes/" + requestId), created.header("Location"));

        resolve(requestId).statusCode(200)
                .body("requestId", equalTo(requestId))
                .body("page", equalTo("pages/poster/view"))
                .body("params.campaign", equalTo("spring"))
                .body("params.inviter", equalTo("u-1"))
                .body("businessType", equalTo("poster"));

        // The same key again: the same code, whatever happened to the first answer.
        allocate("alice", key, body).statusCode(201)
                .body("requestId", equalTo(requestId))
                .body("source", equalTo("replay"));
        // The same key for something else: refused, and nothing changes.
        allocate("alice", key, Map.of("page", "pages/other", "params", Map.of(), "businessType", "poster"))
                .statusCode(422)
                .contentType(Problem.MEDIA_TYPE);
        assertEquals(1, codes.count("idempotency_key = '" + key + "'"));
        resolve(requestId).statusCode(200).body("page", equalTo("pages/poster/view"));
    }

    @Test
    void aCodeWhoseRedisKeysAreGoneIsResolvedFromMySQLAndCachedAgain() {
        String key = key();
        String requestId = allocate("bob", key, Map.of("page", "pages/goods/detail", "params", Map.of("sku", "42"),
                "businessType", "poster")).statusCode(201).extract().path("requestId");
        assertTrue(codes.cached(requestId));

        codes.forgetInRedis("poster", requestId, "bob", key);
        assertFalse(codes.cached(requestId));

        resolve(requestId).statusCode(200).body("page", equalTo("pages/goods/detail")).body("params.sku", equalTo("42"));
        assertTrue(codes.cached(requestId), "MySQL's answer went back into Redis");
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString(
                        "surge_qr_resolves_total{source=\"mysql\"}"));
        // And now it is served from Redis again.
        resolve(requestId).statusCode(200).body("params.sku", equalTo("42"));
    }

    @Test
    void anUnknownRequestIdIsA404Problem() {
        resolve("0000000000000000000000000z").statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("instance", startsWith("/v1/qr-codes/"));
        resolve("not-a-request-id").statusCode(404).contentType(Problem.MEDIA_TYPE);
        resolve("x".repeat(300)).statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}

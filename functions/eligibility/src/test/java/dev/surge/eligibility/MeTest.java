package dev.surge.eligibility;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/** {@code GET /v1/me}: the caller as the rules see it, from a verified token only. */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class MeTest {

    @Test
    void answersTheClaimsTheRulesRead() {
        String token = Jwt.issuer(TestTokens.ISSUER)
                .subject("carol")
                .claim("tags", java.util.List.of("vip", "new"))
                .claim("registered_at", Instant.parse("2026-11-30T08:00:00Z").getEpochSecond())
                .claim("phone_number", "+6591234567")
                .expiresIn(600)
                .sign(TestTokens.privateKey());
        given().header("Authorization", "Bearer " + token)
                .get("/v1/me")
                .then()
                .statusCode(200)
                .body("userId", equalTo("carol"))
                .body("tags", containsInAnyOrder("vip", "new"))
                .body("registeredAt", equalTo("2026-11-30T08:00:00Z"))
                .body("phoneNumber", equalTo("+6591234567"))
                .body("scopes", org.hamcrest.Matchers.empty());
    }

    @Test
    void aReusedTokenKeepsNamingItsOwnUser() {
        String alice = TestTokens.user("alice");
        String bob = TestTokens.user("bob");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + alice).get("/v1/me").then().body("userId", equalTo("alice"));
            given().header("Authorization", "Bearer " + bob).get("/v1/me").then().body("userId", equalTo("bob"));
        }
    }

    @Test
    void withoutAValidTokenItIs401ProblemJson() {
        given().get("/v1/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("a bearer token is required"));
        given().header("Authorization", "Bearer " + TestTokens.expired("alice"))
                .get("/v1/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("the bearer token is not valid"));
        String wrongIssuer = Jwt.issuer("someone-else").subject("alice").expiresIn(600).sign(TestTokens.privateKey());
        given().header("Authorization", "Bearer " + wrongIssuer).get("/v1/me").then().statusCode(401);
        given().header("Authorization", "Bearer " + Jwt.issuer(TestTokens.ISSUER)
                .expiresIn(600)
                .sign(TestTokens.privateKey())).get("/v1/me").then().statusCode(401);
    }
}

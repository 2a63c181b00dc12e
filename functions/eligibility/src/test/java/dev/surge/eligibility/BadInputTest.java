package dev.surge.eligibility;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.LongStream;
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
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.TestTokens;

/** Bad input gets a clear 4xx problem document and changes nothing. */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class BadInputTest {

    @Inject
    Publications publications;

    static Stream<Arguments> malformedBodies() {
        String tooMany = LongStream.rangeClosed(1, 21)
                .mapToObj(Long::toString)
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        return Stream.of(
                Arguments.of("{\"campaignIds\":[1,", "not valid JSON"),
                Arguments.of("[1,2]", "wrong shape"),
                Arguments.of("{\"campaignIds\":\"seven\"}", "campaignIds"),
                Arguments.of("{\"campaignIds\":[\"x\"]}", "campaignIds"),
                Arguments.of("{\"orderAmountCents\":\"lots\"}", "orderAmountCents"),
                Arguments.of("{\"orderAmountCents\":-1}", "constraint"),
                Arguments.of("{\"campaignIds\":[0]}", "constraint"),
                Arguments.of("{\"campaignIds\":[" + tooMany + "]}", "constraint"),
                Arguments.of("{\"channel\":\"" + "x".repeat(33) + "\"}", "constraint"),
                Arguments.of("{\"channel\":\"app; drop\"}", "constraint"),
                Arguments.of("{\"userId\":\"someone-else\"}", "unknown field 'userId'"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedBodyIs400Problem(String body, String detail) {
        long id = publications.publish(Publications.online(Publications.newId(), 1)).id();
        List<String> before = publications.keysOf(id);
        given().auth()
                .oauth2(TestTokens.user("bad-input"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/eligibility")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(detail));
        assertEquals(before, publications.keysOf(id));
    }

    @Test
    void unknownCampaignIs404Problem() {
        long known = publications.publish(Publications.online(Publications.newId(), 1)).id();
        Ask.as("u", Ask.campaigns(known, 999_999_999_999L))
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("999999999999"));
    }

    static Stream<Arguments> badCredentials() {
        return Stream.of(
                Arguments.of((Object) null),
                Arguments.of("Basic dXNlcjpwYXNz"),
                Arguments.of("Bearer not-a-token"),
                Arguments.of("Bearer " + TestTokens.expired("late")),
                Arguments.of("Bearer " + TestTokens.otherIssuer("stranger")),
                Arguments.of("Bearer " + forged()));
    }

    @ParameterizedTest
    @MethodSource("badCredentials")
    void missingOrBadTokenIs401Problem(String authorization) {
        var request = given().contentType(ContentType.JSON).body("{}");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.post("/v1/eligibility")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("title", equalTo("Unauthenticated"));
    }

    @Test
    void unknownRouteIs404Problem() {
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrongMediaTypeIs4xxProblem() {
        given().auth()
                .oauth2(TestTokens.user("u"))
                .contentType(ContentType.TEXT)
                .body("hello")
                .post("/v1/eligibility")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    /** A token for another user with the signature of a different token: must not verify. */
    private static String forged() {
        String honest = TestTokens.user("honest");
        String[] parts = honest.split("\\.");
        String otherPayload = TestTokens.user("admin-wannabe").split("\\.")[1];
        return parts[0] + "." + otherPayload + "." + parts[2];
    }
}

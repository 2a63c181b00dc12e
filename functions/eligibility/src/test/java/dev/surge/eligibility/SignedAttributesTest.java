package dev.surge.eligibility;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.security.PrivateKey;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.model.Rule;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.TestTokens;

/**
 * A min-order-amount rule counts only the order amount the order system signed for this caller (the
 * X-Surge-Attributes token), never the body's; a token that does not verify is refused with 400.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class SignedAttributesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Publications publications;

    private long publish(String kind, String params) throws Exception {
        return publications.publish(Publications.online(Publications.newId(), 1, new Rule(kind, JSON.readTree(params))))
                .id();
    }

    private static ValidatableResponse ask(String user, String attributeToken, String body) {
        var request = given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON).body(body);
        if (attributeToken != null) {
            request.header(TestTokens.ATTRIBUTES_HEADER, attributeToken);
        }
        return request.post("/v1/eligibility").then().log().ifValidationFails();
    }

    private static String token(String user, String issuer, Instant issued, Instant expires, PrivateKey key) {
        return TestTokens.attributes(user, 100_000, issuer, issued, expires, key);
    }

    @Test
    void theBodysOrderAmountCannotSatisfyAMoneyRule() throws Exception {
        long id = publish("min-order-amount", "{\"cents\":5000}");
        ask("claims-a-lot", null, Ask.campaign(id, "\"orderAmountCents\":999999")).statusCode(200)
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("min-order-amount"))
                .body("campaigns[0].reason", containsString("not signed"));
        // With a signed amount present, the body's larger one does not count either.
        ask("claims-more", TestTokens.attributes("claims-more", 4999), Ask.campaign(id, "\"orderAmountCents\":999999"))
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("campaigns[0].reason", equalTo("order of 4999 cents is below 5000"));
    }

    @Test
    void aSignedOrderAmountSatisfiesItInclusively() throws Exception {
        long id = publish("min-order-amount", "{\"cents\":5000}");
        ask("buyer", TestTokens.attributes("buyer", 5000), Ask.campaigns(id)).statusCode(200)
                .body("eligible", equalTo(true))
                .body("campaignId", equalTo((int) id));
        ask("small-buyer", TestTokens.attributes("small-buyer", 4999), Ask.campaigns(id)).statusCode(200)
                .body("eligible", equalTo(false))
                .body("campaigns[0].rule", equalTo("min-order-amount"));
        ask("no-order", null, Ask.campaigns(id)).statusCode(200)
                .body("eligible", equalTo(false))
                .body("campaigns[0].reason", containsString("not given"));
    }

    @Test
    void forgedExpiredForeignAndOtherUsersTokensAreRefused() throws Exception {
        long id = publish("min-order-amount", "{\"cents\":5000}");
        Instant now = Instant.now();
        PrivateKey orders = TestTokens.attributesPrivateKey();
        String issuer = TestTokens.ATTRIBUTES_ISSUER;
        String[][] refused = {
                {token("alice", issuer, now, now.plusSeconds(300), TestTokens.privateKey()), "not signed by the order"},
                {token("alice", issuer, now.minusSeconds(400), now.minusSeconds(100), orders), "has expired"},
                {token("alice", "someone-else", now, now.plusSeconds(300), orders), "not issued by surge-orders-dev"},
                {TestTokens.attributes("bob", 100_000), "issued to another user"},
                {token("alice", issuer, now, now.plusSeconds(3600), orders), "lives longer than"},
                {"%%%.b.c", "base64url"}};
        for (String[] token : refused) {
            ask("alice", token[0], Ask.campaigns(id)).statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Invalid attribute token"))
                    .body("detail", containsString("X-Surge-Attributes"))
                    .body("detail", containsString(token[1]));
        }
        ask("alice", TestTokens.attributes("alice", 100_000), Ask.campaigns(id)).statusCode(200)
                .body("eligible", equalTo(true));
    }

    @Test
    void aTokenNoRuleReadsIsNotChecked() throws Exception {
        long id = publish("channel", "{\"anyOf\":[\"app\"]}");
        Instant now = Instant.now();
        String forged = token("alice", TestTokens.ATTRIBUTES_ISSUER, now, now.plusSeconds(300), TestTokens.privateKey());
        ask("alice", forged, Ask.campaign(id, "\"channel\":\"app\"")).statusCode(200).body("eligible", equalTo(true));
    }
}

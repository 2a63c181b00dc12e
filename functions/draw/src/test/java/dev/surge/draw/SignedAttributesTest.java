package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Rule;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.TestTokens;

/**
 * A raffle for orders of at least 50.00: only the amount the order system signed for the caller (the
 * X-Surge-Attributes token) lets a draw go on; the body's amount never does, and a token that does not verify is
 * refused with 400 before anything is taken.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class SignedAttributesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Raffles raffles;

    @Inject
    Publications publications;

    /** A raffle nobody is intercepted in, whose only prize always wins, for orders of at least 5000 cents. */
    private Campaign orderRaffle() throws Exception {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("voucher", 1, 5));
        Rule rule = new Rule("min-order-amount", JSON.readTree("{\"cents\":5000}"));
        return publications.publish(new Campaign(raffle.id(), raffle.name(), raffle.status(), raffle.startsAt(),
                raffle.endsAt(), raffle.zone(), raffle.priority(), raffle.limit(), List.of(rule), raffle.draw(),
                raffle.version() + 1));
    }

    private static ValidatableResponse draw(String user, long campaignId, String key, String attributeToken,
            String body) {
        var request = given().auth()
                .oauth2(TestTokens.user(user))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body);
        if (attributeToken != null) {
            request.header(TestTokens.ATTRIBUTES_HEADER, attributeToken);
        }
        return request.post("/v1/campaigns/" + campaignId + "/draws").then().log().ifValidationFails();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void theBodysOrderAmountCannotWinButASignedOneCan() throws Exception {
        Campaign raffle = orderRaffle();
        long prize = raffle.draw().prizes().get(0).id();
        draw("claims-a-lot", raffle.id(), key(), null, "{\"orderAmountCents\":999999}").statusCode(200)
                .body("outcome", equalTo("ineligible"))
                .body("rule", equalTo("min-order-amount"));
        draw("small-order", raffle.id(), key(), TestTokens.attributes("small-order", 4999),
                "{\"orderAmountCents\":999999}").statusCode(200).body("outcome", equalTo("ineligible"));
        assertEquals(5, raffles.redisStock(raffle.id(), prize));
        assertEquals(0, raffles.participation(raffle.id(), "claims-a-lot"));

        draw("big-order", raffle.id(), key(), TestTokens.attributes("big-order", 5000), "{}").statusCode(200)
                .body("outcome", equalTo("won"))
                .body("prize.name", equalTo("voucher"));
        assertEquals(4, raffles.redisStock(raffle.id(), prize));
        assertEquals(1, raffles.grants(raffle.id()));
    }

    @Test
    void tokensThatDoNotVerifyAreRefusedAndTakeNothing() throws Exception {
        Campaign raffle = orderRaffle();
        long prize = raffle.draw().prizes().get(0).id();
        Instant now = Instant.now();
        PrivateKey orders = TestTokens.attributesPrivateKey();
        String issuer = TestTokens.ATTRIBUTES_ISSUER;
        String[][] refused = {
                {TestTokens.attributes("alice", 9000, issuer, now, now.plusSeconds(300), TestTokens.privateKey()),
                        "not signed by the order system"},
                {TestTokens.attributes("alice", 9000, issuer, now.minusSeconds(400), now.minusSeconds(60), orders),
                        "has expired"},
                {TestTokens.attributes("alice", 9000, "someone-else", now, now.plusSeconds(300), orders),
                        "not issued by"},
                {TestTokens.attributes("mallory", 9000), "issued to another user"}};
        for (String[] token : refused) {
            String key = key();
            draw("alice", raffle.id(), key, token[0], "{}").statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Invalid attribute token"))
                    .body("detail", containsString(token[1]));
            given().auth()
                    .oauth2(TestTokens.user("alice"))
                    .get("/v1/campaigns/" + raffle.id() + "/draws/" + key)
                    .then()
                    .statusCode(404);
        }
        assertEquals(5, raffles.redisStock(raffle.id(), prize));
        assertEquals(5, raffles.mysqlStock(prize));
        assertEquals(0, raffles.grants(raffle.id()));
        assertEquals(0, raffles.participation(raffle.id(), "alice"));
    }
}

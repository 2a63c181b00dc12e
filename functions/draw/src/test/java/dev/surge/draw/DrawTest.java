package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.Sql;
import dev.surge.shared.testing.TestTokens;

/** The draw API end to end over HTTP (through the Lambda adapter), against real Redis and MariaDB. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class DrawTest {

    @Inject
    Raffles raffles;

    static ValidatableResponse draw(String user, long campaignId, String key) {
        var request = given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON).body("{}");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/campaigns/" + campaignId + "/draws").then().log().ifValidationFails();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aWinIsGrantedOnceAndAReplayReturnsIt() {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("mug", 1, 5));
        long prize = raffle.draw().prizes().get(0).id();
        String key = key();
        String drawId = draw("winner", raffle.id(), key).statusCode(200)
                .body("outcome", equalTo("won"))
                .body("won", equalTo(true))
                .body("prize.name", equalTo("mug"))
                .extract()
                .path("drawId");
        draw("winner", raffle.id(), key).statusCode(200)
                .body("outcome", equalTo("won"))
                .body("drawId", equalTo(drawId));
        given().auth()
                .oauth2(TestTokens.user("winner"))
                .get("/v1/campaigns/" + raffle.id() + "/draws/" + key)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("won"))
                .body("drawId", equalTo(drawId));
        assertEquals(1, raffles.grants(raffle.id()));
        assertEquals(4, raffles.mysqlStock(prize));
        assertEquals(4, raffles.redisStock(raffle.id(), prize));
        // The grant records the random pick that decided it.
        assertEquals("1", raffles.database() == null
                ? null
                : dev.surge.shared.testing.Sql.rows(raffles.database(),
                        "SELECT weight_total FROM prize_grant WHERE campaign_id = " + raffle.id()).get(0).get(0));
    }

    @Test
    void noPrizeOutcomeWritesNothingToMySQL() {
        Campaign raffle = raffles.create(0, 1, ParticipationLimit.NONE);
        draw("loser", raffle.id(), key()).statusCode(200).body("outcome", equalTo("lost")).body("won", equalTo(false));
        assertEquals(0, raffles.grants(raffle.id()));
    }

    @Test
    void interceptedDrawsNeverTouchStock() {
        Campaign raffle = raffles.create(1.0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("tv", 1, 3));
        for (int i = 0; i < 20; i++) {
            draw("crowd-" + i, raffle.id(), key()).statusCode(200).body("outcome", equalTo("not-this-time"));
        }
        assertEquals(3, raffles.redisStock(raffle.id(), raffle.draw().prizes().get(0).id()));
        assertEquals(0, raffles.participation(raffle.id(), "crowd-1"));
    }

    @Test
    void soldOutAndLimitedAreAnsweredWithoutGrants() {
        Campaign raffle = raffles.create(0, 0, new ParticipationLimit(2, null), new Raffles.PrizeSpec("pen", 1, 1));
        draw("first", raffle.id(), key()).body("outcome", equalTo("won"));
        for (int i = 0; i < 10; i++) {
            draw("second", raffle.id(), key()).body("outcome", equalTo("sold-out"));
        }
        assertEquals(1, raffles.grants(raffle.id()));
        // Only the first sold-out draw reached Redis; the instance remembered and answered the rest itself.
        assertEquals(1, raffles.tally(raffle.id(), "sold-out"));
        assertEquals(1, raffles.participation(raffle.id(), "second"));
    }

    @Test
    void participationLimitHolds() {
        Campaign raffle = raffles.create(0, 1, new ParticipationLimit(2, null));
        draw("eager", raffle.id(), key()).body("outcome", equalTo("lost"));
        draw("eager", raffle.id(), key()).body("outcome", equalTo("lost"));
        draw("eager", raffle.id(), key()).body("outcome", equalTo("limited"));
        assertEquals(2, raffles.participation(raffle.id(), "eager"));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("cap", 1, 2));
        long prize = raffle.draw().prizes().get(0).id();
        draw("u", raffle.id(), null).statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Idempotency-Key"));
        draw("u", raffle.id(), "short").statusCode(400);
        draw("u", raffle.id(), "has spaces in it").statusCode(400);
        draw("u", 999_999_999L, key()).statusCode(404).contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.user("u"))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key())
                .body("{\"userId\":\"someone-else\"}")
                .post("/v1/campaigns/" + raffle.id() + "/draws")
                .then()
                .statusCode(400)
                .body("detail", containsString("userId"));
        given().auth()
                .oauth2(TestTokens.user("u"))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key())
                .body("{\"orderAmountCents\":\"x\"}")
                .post("/v1/campaigns/" + raffle.id() + "/draws")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key())
                .body("{}")
                .post("/v1/campaigns/" + raffle.id() + "/draws")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.expired("u"))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key())
                .body("{}")
                .post("/v1/campaigns/" + raffle.id() + "/draws")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.user("u"))
                .get("/v1/campaigns/" + raffle.id() + "/draws/" + key())
                .then()
                .statusCode(404)
                .body("status", notNullValue());
        assertEquals(2, raffles.redisStock(raffle.id(), prize));
        assertEquals(2, raffles.mysqlStock(prize));
        assertEquals(0, raffles.grants(raffle.id()));
        assertEquals(0, raffles.participation(raffle.id(), "u"));
    }
}

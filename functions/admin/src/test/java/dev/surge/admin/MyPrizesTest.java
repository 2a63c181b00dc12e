package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/**
 * A user's own prizes: draw grants, rain wins and red-packet shares across campaigns, newest first, paged so that
 * every prize shows once; only the caller's, whatever the request says; bad input and strangers refused.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class MyPrizesTest {

    private static final String PRIZES = "/v1/me/prizes";
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Inject
    AgroalDataSource mysql;

    private static boolean seeded;
    private static long raffle;
    private static long rain;

    @BeforeEach
    void prizesOfAliceAndBob() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        raffle = Admin.created("Prizes raffle");
        long phone = Ledgers.raffleWithPrize(raffle, "Phone");
        rain = Admin.created("Prizes rain");
        Ledgers.rainWins(mysql, rain, "nobody", 0, T);
        Ledgers.grant(mysql, raffle, phone, "alice", "a1", T.minusSeconds(30));
        Ledgers.grant(mysql, raffle, phone, "alice", "a2", T);
        Ledgers.grant(mysql, raffle, phone, "bob", "b1", T);
        Ledgers.rainWin(mysql, rain, 0, "alice", 88, T);
        Ledgers.rainWin(mysql, rain, 1, "bob", 66, T.minusSeconds(5));
        Ledgers.rainWin(mysql, rain, 2, "alice", 77, T.minusSeconds(60));
        Ledgers.grabbedPacket(mysql, "00aa", "carol", T, "alice", "bob");
        Ledgers.grabbedPacket(mysql, "00bb", "carol", T.minusSeconds(10), "bob", "alice");
    }

    /** Alice's prizes as the list shows them, newest first and, within one moment, draw, rain, red packet. */
    private static final List<String> ALICE = List.of(
            "draw " + "a2", "rain 88", "red-packet 00aa 50", "red-packet 00bb 50", "draw a1", "rain 77");

    @Test
    void everyPageSizeShowsEachOfTheCallersPrizesOnceNewestFirst() {
        for (int limit : new int[]{1, 2, 3, 5, 6, 100}) {
            assertEquals(ALICE, all("alice", limit), "pages of " + limit);
        }
        JsonPath first = given().auth()
                .oauth2(TestTokens.user("alice"))
                .get(PRIZES)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        assertEquals("draw", first.getString("prizes[0].kind"));
        assertEquals(raffle, first.getLong("prizes[0].campaignId"));
        assertEquals("Phone", first.getString("prizes[0].prizeName"));
        assertEquals("draw-a2", first.getString("prizes[0].drawId"));
        assertEquals("2026-03-01T12:00:00Z", first.getString("prizes[0].at"));
        assertEquals(rain, first.getLong("prizes[1].campaignId"));
        assertEquals(88, first.getLong("prizes[1].amountCents"));
        assertNull(first.get("prizes[2].campaignId"), "a red packet belongs to no campaign");
        assertNull(first.get("next"));
    }

    @Test
    void nobodySeesAnotherUsersPrizes() {
        List<String> bob = all("bob", 2);
        // Bob took the second share of 00aa, a millisecond after the first.
        assertEquals(List.of("red-packet 00aa 50", "draw b1", "rain 66", "red-packet 00bb 50"), bob);
        // Naming someone else in the query changes nothing: the user is the token's subject.
        String answer = given().auth()
                .oauth2(TestTokens.user("alice"))
                .queryParam("userId", "bob")
                .queryParam("user", "bob")
                .get(PRIZES)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(!answer.contains("b1") && !answer.contains("\"amountCents\":66"), answer);
        given().auth().oauth2(TestTokens.user("mallory")).get(PRIZES).then().statusCode(200).body("prizes.size()", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=-3", "limit=many", "after=garbage", "after=cDE6eDow"})
    void badInputIsAProblem(String query) {
        given().auth()
                .oauth2(TestTokens.user("alice"))
                .get(PRIZES + "?" + query)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        given().get(PRIZES).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.expired("alice"))
                .get(PRIZES)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    private static List<String> all(String user, int limit) {
        List<String> out = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(TestTokens.user(user)).queryParam("limit", limit);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get(PRIZES).then().statusCode(200).extract().jsonPath();
            List<java.util.Map<String, Object>> prizes = page.getList("prizes");
            assertTrue(prizes.size() <= limit);
            for (var p : prizes) {
                out.add(switch ((String) p.get("kind")) {
                    case "draw" -> "draw " + ((String) p.get("drawId")).substring("draw-".length());
                    case "rain" -> "rain " + p.get("amountCents");
                    default -> "red-packet " + p.get("packetId") + " " + p.get("amountCents");
                });
            }
            after = page.getString("next");
            assertTrue(after == null || prizes.size() == limit);
            assertTrue(++pages < 50);
        } while (after != null);
        return out;
    }
}

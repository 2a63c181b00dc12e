package dev.surge.redpacket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Sql;
import dev.surge.shared.testing.TestTokens;

/** Bad input gets a clear 4xx problem and changes nothing: no packet, no share, no rain, no Redis key. */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class BadInputTest {

    private static final String SENDER = "careless";

    @Inject
    Packets packets;

    private static ValidatableResponse send(String key, String body) {
        var request = given().auth().oauth2(TestTokens.user(SENDER)).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/red-packets").then().log().ifValidationFails();
    }

    @Test
    void invalidPacketsAreRefusedWithProblemsAndStoreNothing() {
        List<String> bodies = List.of(
                "{\"amountCents\":100,\"count\":0,\"mode\":\"random\"}",
                "{\"amountCents\":100,\"count\":201,\"mode\":\"random\"}",
                "{\"amountCents\":2,\"count\":3,\"mode\":\"equal\"}",
                "{\"amountCents\":0,\"count\":1,\"mode\":\"equal\"}",
                "{\"amountCents\":-5,\"count\":1,\"mode\":\"equal\"}",
                "{\"amountCents\":2000001,\"count\":1,\"mode\":\"random\"}",
                "{\"amountCents\":100,\"count\":2,\"mode\":\"lucky\"}",
                "{\"amountCents\":100,\"count\":2}",
                "{\"count\":2,\"mode\":\"random\"}",
                "{\"amountCents\":100,\"count\":2,\"mode\":\"random\",\"expiresInSeconds\":59}",
                "{\"amountCents\":100,\"count\":2,\"mode\":\"random\",\"expiresInSeconds\":259201}",
                "{\"amountCents\":100,\"count\":2,\"mode\":\"random\",\"greeting\":\"" + "x".repeat(141) + "\"}",
                "{\"amountCents\":100,\"count\":2,\"mode\":\"random\",\"greeting\":\"bell\\u0007\"}",
                "{\"amountCents\":\"lots\",\"count\":2,\"mode\":\"random\"}",
                "{\"amountCents\":1.5,\"count\":2,\"mode\":\"random\"}",
                "{\"amountCents\":99999999999999999999999,\"count\":2,\"mode\":\"random\"}",
                "{\"amountCents\":100,\"count\":2,\"mode\":\"random\"",
                "[]",
                "");
        for (String body : bodies) {
            send(Packets.key(), body).statusCode(400).contentType("application/problem+json");
        }
        assertEquals(0, packets.packetsSentBy(SENDER));
        assertFalse(packets.anyQueuedBy(SENDER));
    }

    @Test
    void aBodyNamingAUserIsRefused() {
        send(Packets.key(), "{\"amountCents\":100,\"count\":2,\"mode\":\"random\",\"senderId\":\"rich-uncle\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("senderId"));
        send(Packets.key(), "{\"amountCents\":100,\"count\":2,\"mode\":\"random\",\"userId\":\"rich-uncle\"}")
                .statusCode(400)
                .body("detail", containsString("userId"));
        assertEquals(0, packets.packetsSentBy(SENDER));
        assertEquals(0, packets.packetsSentBy("rich-uncle"));
    }

    @Test
    void fieldErrorsNameTheField() {
        send(Packets.key(), "{\"amountCents\":100,\"count\":500,\"mode\":\"random\",\"expiresInSeconds\":5}")
                .statusCode(400)
                .body("errors.field", hasItem("count"))
                .body("errors.field", hasItem("expiresInSeconds"));
    }

    @Test
    void theIdempotencyKeyIsRequiredAndChecked() {
        String body = "{\"amountCents\":100,\"count\":2,\"mode\":\"random\"}";
        send(null, body).statusCode(400)
                .contentType("application/problem+json")
                .body("detail",
                        containsString("Idempotency-Key"));
        send("short", body).statusCode(400);
        send("has spaces in it", body).statusCode(400);
        send("x".repeat(65), body).statusCode(400);
        assertEquals(0, packets.packetsSentBy(SENDER));
    }

    @Test
    void callersMustBeWhoTheySay() {
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", Packets.key())
                .body("{\"amountCents\":100,\"count\":2,\"mode\":\"random\"}")
                .post("/v1/red-packets")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.expired("someone"))
                .post("/v1/red-packets/0123456789abcdef0123456789abcdef/grab")
                .then()
                .statusCode(401);
        given().post("/v1/campaigns/1/shake").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.user("not-an-operator"))
                .contentType(ContentType.JSON)
                .body("{\"totalPackets\":10,\"amountCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1}")
                .post("/admin/v1/campaigns/77/rain")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.user("not-an-operator"))
                .post("/internal/v1/red-packets/refund")
                .then()
                .statusCode(403);
        assertEquals(0, Sql.number(packets.database(), "SELECT COUNT(*) FROM rain WHERE campaign_id = 77"));
    }

    @Test
    void aUserIdLongerThanTheLedgerKeepsTakesNothing() {
        String id = packets.send("generous", 100, 2, "equal", null).id();
        String longId = "u".repeat(129);
        given().auth()
                .oauth2(TestTokens.user(longId))
                .post("/v1/red-packets/" + id + "/grab")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(longId)).post("/v1/campaigns/1/shake").then().statusCode(400);
        assertEquals(2, packets.queued(id));
        assertEquals(0, packets.unrecorded(id));
    }

    @Test
    void invalidRainsAreRefusedAndStoreNothing() {
        List<String> bodies = List.of(
                "{\"totalPackets\":10,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1}",
                "{\"totalPackets\":10,\"amountCents\":5,\"minCents\":1,\"maxCents\":9,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1}",
                "{\"totalPackets\":10,\"minCents\":9,\"maxCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1}",
                "{\"totalPackets\":10,\"minCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1}",
                "{\"totalPackets\":10,\"amountCents\":1,\"ratePerSecond\":1,\"buckets\":11,\"perUserMax\":1}",
                "{\"totalPackets\":0,\"amountCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1}",
                "{\"totalPackets\":1000001,\"amountCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1}",
                "{\"totalPackets\":10,\"amountCents\":1,\"ratePerSecond\":0,\"buckets\":1,\"perUserMax\":1}",
                "{\"totalPackets\":10,\"amountCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1001}",
                "{\"totalPackets\":10,\"amountCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1,\"startsAt\":\"2001-01-01T00:00:00Z\"}",
                "{\"totalPackets\":10,\"amountCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1,\"startsAt\":\"soon\"}",
                "{\"totalPackets\":10,\"amountCents\":1,\"ratePerSecond\":1,\"buckets\":1,\"perUserMax\":1,\"colour\":\"red\"}");
        for (String body : bodies) {
            given().auth()
                    .oauth2(TestTokens.admin())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/admin/v1/campaigns/78/rain")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        assertEquals(0, Sql.number(packets.database(), "SELECT COUNT(*) FROM rain WHERE campaign_id = 78"));
        given().auth()
                .oauth2(TestTokens.user("shaker"))
                .post("/v1/campaigns/78/shake")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}

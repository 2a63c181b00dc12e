package dev.surge.redpacket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.TestTokens;

/** Send, grab and details end to end over HTTP (through the Lambda adapter), against real Redis and MariaDB. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class RedPacketTest {

    @Inject
    Packets packets;

    @AfterEach
    void releaseClock() {
        MovableClockProducer.clockInUse().release();
    }

    static ValidatableResponse send(String sender, String key, String body) {
        return given().auth()
                .oauth2(TestTokens.user(sender))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/red-packets")
                .then()
                .log()
                .ifValidationFails();
    }

    static ValidatableResponse grab(String user, String packetId) {
        return given().auth()
                .oauth2(TestTokens.user(user))
                .post("/v1/red-packets/" + packetId + "/grab")
                .then()
                .log()
                .ifValidationFails();
    }

    static ValidatableResponse details(String user, String packetId) {
        return given().auth().oauth2(TestTokens.user(user)).get("/v1/red-packets/" + packetId).then().log().ifValidationFails();
    }

    @Test
    void aPacketIsSplitExactlyGrabbedOncePerUserAndShownToItsPeopleOnly() {
        String id = send("alice", Packets.key(), "{\"amountCents\":1000,\"count\":5,\"mode\":\"random\",\"greeting\":\"恭喜发财\"}")
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("amountCents", equalTo(1000))
                .body("count", equalTo(5))
                .body("repeat", equalTo(false))
                .body("expiresAt", notNullValue())
                .extract()
                .path("id");
        assertEquals(5, packets.shares(id));
        assertEquals(1000, packets.shareSum(id));
        assertEquals(5, packets.queued(id));

        Map<String, Integer> taken = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            String user = "bob-" + i;
            int cents = grab(user, id).statusCode(200)
                    .body("outcome", equalTo("grabbed"))
                    .body("repeat", equalTo(false))
                    .extract()
                    .path("amountCents");
            assertTrue(cents >= 1);
            taken.put(user, cents);
            // Asking again gives the same share back, not a second one.
            grab(user, id).statusCode(200)
                    .body("outcome", equalTo("grabbed"))
                    .body("repeat", equalTo(true))
                    .body("amountCents", equalTo(cents));
        }
        grab("late", id).statusCode(200).body("outcome", equalTo("empty"));
        assertEquals(1000, taken.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(1000, packets.grabbedSum(id));
        assertEquals(0, packets.unrecorded(id));
        Map<String, Long> mysql = packets.grabbed(id);
        taken.forEach((user, cents) -> assertEquals(cents.longValue(), mysql.get(user)));

        details("alice", id).statusCode(200)
                .body("senderId", equalTo("alice"))
                .body("greeting", equalTo("恭喜发财"))
                .body("status", equalTo("open"))
                .body("remainingCount", equalTo(0))
                .body("remainingCents", equalTo(0))
                .body("grabs", hasSize(5));
        details("bob-3", id).statusCode(200)
                .body("grabs.find { it.userId == 'bob-3' }.amountCents",
                        equalTo(taken.get("bob-3")));
        details("late", id).statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aRepeatedSendFindsThePacketAndQueuesItAgainWhenRedisLostIt() {
        String key = Packets.key();
        String body = "{\"amountCents\":300,\"count\":3,\"mode\":\"equal\"}";
        String id = send("carol", key, body).statusCode(201).extract().path("id");
        grab("dave", id).body("outcome", equalTo("grabbed")).body("amountCents", equalTo(100));
        send("carol", key, body).statusCode(200).body("id", equalTo(id)).body("repeat", equalTo(true));
        assertEquals(2, packets.queued(id));

        packets.dropFromRedis(id);
        grab("erin", id).statusCode(404).contentType("application/problem+json");
        send("carol", key, body).statusCode(200).body("id", equalTo(id));
        // Rebuilt from MySQL: dave's share stays his, the other two are open again.
        assertEquals(2, packets.queued(id));
        grab("dave", id).body("repeat", equalTo(true)).body("amountCents", equalTo(100));
        grab("erin", id).body("outcome", equalTo("grabbed")).body("repeat", equalTo(false));
        assertEquals("100", packets.meta(id).get("remaining_cents"));
        assertEquals(1, packets.packetsSentBy("carol"));
        assertEquals(200, packets.grabbedSum(id));

        send("carol", key, "{\"amountCents\":301,\"count\":3,\"mode\":\"equal\"}").statusCode(409)
                .contentType("application/problem+json");
        assertEquals(1, packets.packetsSentBy("carol"));
    }

    @Test
    void equalSharesGiveTheCentsThatDoNotDivideToTheFirstShares() {
        String id = send("frank", Packets.key(), "{\"amountCents\":100,\"count\":3,\"mode\":\"equal\"}").statusCode(201)
                .extract()
                .path("id");
        assertEquals(List.of(34L, 33L, 33L), packets.shareAmounts(id));
        grab("gina", id).body("amountCents", equalTo(34));
    }

    @Test
    void anExpiredPacketGivesNothingAndUnknownPacketsAreNotFound() {
        String id = send("hank", Packets.key(),
                "{\"amountCents\":500,\"count\":2,\"mode\":\"random\",\"expiresInSeconds\":120}")
                .statusCode(201)
                .extract()
                .path("id");
        MovableClockProducer.clockInUse().advance(Duration.ofSeconds(121));
        grab("ivy", id).statusCode(200).body("outcome", equalTo("expired"));
        details("hank", id).statusCode(200).body("status", equalTo("expired")).body("grabs", hasSize(0));
        assertEquals(2, packets.queued(id));
        assertFalse(packets.marked(id));

        grab("ivy", "0123456789abcdef0123456789abcdef").statusCode(404).contentType("application/problem+json");
        grab("ivy", "not-a-packet").statusCode(404).contentType("application/problem+json");
        details("ivy", "0123456789abcdef0123456789abcdef").statusCode(404);
    }
}

package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Repo;
import dev.surge.shared.testing.TestTokens;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Winner events reach a real SQS-compatible queue: every grant, rain win, share taken and refund once per relay
 * with its stable id, nothing else (a void grant, a share nobody took), in bounded runs that go on where the last
 * stopped; a relay that sends but never marks sends again, and the example consumer credits each event once.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
@TestProfile(EventRelayTest.SmallRuns.class)
class EventRelayTest {

    private static final String JOB = "/internal/v1/events/relay";
    private static final Instant T = Instant.parse("2026-05-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Its own database and queue, and runs of at most four events, so a handful of wins takes several runs. Not a
     * fault-tolerance value: a bound of the relay's work per run.
     */
    public static class SmallRuns implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.admin.events.max-per-run", "4");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalSqs.class));
        }
    }

    @Inject
    AgroalDataSource mysql;

    private static boolean seeded;
    private static long raffle;
    private static long rain;
    private static Map<String, String> expectedUsers;

    @BeforeEach
    void winsOfEveryKind() throws Exception {
        if (!seeded) {
            seeded = true;
            raffle = Admin.created("Events raffle");
            long phone = Ledgers.raffleWithPrize(raffle, "Phone");
            Ledgers.grant(mysql, raffle, phone, "alice", "a1", T);
            Ledgers.grant(mysql, raffle, phone, "bob", "b1", T.plusSeconds(1));
            Ledgers.voidGrant(mysql, raffle, phone, "carol");
            rain = Admin.created("Events rain");
            Ledgers.rainWins(mysql, rain, "rainer", 3, T);
            Ledgers.grabbedPacket(mysql, "ev01", "dave", T, "alice", "bob");
            Ledgers.grabbedPacket(mysql, "ev02", "erin", T, "alice");
            exec("INSERT INTO red_packet_share (packet_id, seq, amount_cents) VALUES ('ev01', 2, 50)");
            exec("UPDATE red_packet SET amount_cents = 300, share_count = 3, status = 'refunded', refund_cents = 250,"
                    + " refunded_at = '2026-05-02 08:00:00' WHERE id = 'ev02'");
            expectedUsers = new HashMap<>();
            expectedUsers.put("grant-" + grantId("alice"), "alice");
            expectedUsers.put("grant-" + grantId("bob"), "bob");
            for (int i = 0; i < 3; i++) {
                expectedUsers.put("rain-win-" + rain + "-" + i, "rainer" + i);
            }
            expectedUsers.put("share-ev01-0", "alice");
            expectedUsers.put("share-ev01-1", "bob");
            expectedUsers.put("share-ev02-0", "alice");
            expectedUsers.put("refund-ev02", "erin");
        }
        // Each test starts from wins nobody has published, and an empty queue.
        exec("UPDATE prize_grant SET published_at = NULL");
        exec("UPDATE rain_win SET published_at = NULL");
        exec("UPDATE red_packet_share SET published_at = NULL");
        exec("UPDATE red_packet SET refund_published_at = NULL");
        try (SqsClient sqs = LocalSqs.client()) {
            while (!receive(sqs).isEmpty()) {
                // drained
            }
        }
    }

    @Test
    void everyWinIsPublishedOnceWithItsStableIdInBoundedRuns() throws Exception {
        List<String> outcomes = relayUntilDrained();
        assertTrue(outcomes.size() >= 3, "nine events at four a run take at least three runs: " + outcomes);
        assertEquals("behind", outcomes.get(0), outcomes.toString());

        Map<String, JsonNode> events = new HashMap<>();
        try (SqsClient sqs = LocalSqs.client()) {
            for (List<Message> got = receive(sqs); !got.isEmpty(); got = receive(sqs)) {
                for (Message message : got) {
                    JsonNode event = JSON.readTree(message.body());
                    assertEquals(event.get("eventId").asText(), message.messageAttributes().get("eventId").stringValue());
                    assertEquals(event.get("type").asText(), message.messageAttributes().get("type").stringValue());
                    assertTrue(events.put(event.get("eventId").asText(), event) == null, "sent twice: " + message.body());
                }
            }
        }
        assertEquals(expectedUsers.keySet(), events.keySet(), "every win, nothing else");
        expectedUsers.forEach((id, user) -> assertEquals(user, events.get(id).get("userId").asText(), id));

        JsonNode grant = events.get("grant-" + grantId("alice"));
        assertEquals("prize.granted", grant.get("type").asText());
        assertEquals(raffle, grant.get("campaignId").asLong());
        assertEquals("Phone", grant.get("prizeName").asText());
        assertEquals("draw-a1", grant.get("drawId").asText());
        assertEquals("2026-05-01T08:00:00Z", grant.get("occurredAt").asText());
        assertEquals(102, events.get("rain-win-" + rain + "-2").get("amountCents").asLong());
        assertEquals("rain.won", events.get("rain-win-" + rain + "-2").get("type").asText());
        assertEquals(50, events.get("share-ev01-1").get("amountCents").asLong());
        assertEquals("red-packet.share-taken", events.get("share-ev01-1").get("type").asText());
        assertEquals(250, events.get("refund-ev02").get("amountCents").asLong());
        assertEquals("red-packet.refunded", events.get("refund-ev02").get("type").asText());
        for (JsonNode event : events.values()) {
            conformsToTheSchema(event);
        }

        assertEquals(0, count("SELECT COUNT(*) FROM prize_grant WHERE status = 'granted' AND published_at IS NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM prize_grant WHERE status = 'void' AND published_at IS NULL"));
        assertEquals(0, count("SELECT COUNT(*) FROM rain_win WHERE published_at IS NULL"));
        assertEquals(0, count("SELECT COUNT(*) FROM red_packet_share WHERE grabbed_by IS NOT NULL AND published_at IS NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM red_packet_share WHERE grabbed_by IS NULL AND published_at IS NULL"));
        assertEquals(0, count("SELECT COUNT(*) FROM red_packet WHERE status = 'refunded' AND refund_published_at IS NULL"));

        // Published is published: the next run sends nothing.
        JsonPath again = relay();
        assertEquals("drained", again.getString("outcome"));
        assertEquals(Map.of(), again.getMap("published"));
        try (SqsClient sqs = LocalSqs.client()) {
            assertTrue(receive(sqs).isEmpty());
        }
    }

    @Test
    void eventsSentButNeverMarkedAreSentAgainAndTheWalletCreditsEachOnce() throws Exception {
        relayUntilDrained();
        // The relay died after sending and before marking: every event is unpublished again and goes out twice.
        exec("UPDATE prize_grant SET published_at = NULL");
        exec("UPDATE rain_win SET published_at = NULL");
        exec("UPDATE red_packet_share SET published_at = NULL");
        exec("UPDATE red_packet SET refund_published_at = NULL");
        relayUntilDrained();

        try (SqsClient sqs = LocalSqs.client()) {
            WalletConsumer wallet = new WalletConsumer(sqs, LocalSqs.queueUrl(), mysql);
            wallet.drain();
            assertEquals(2 * expectedUsers.size(), wallet.received(), "each event delivered twice");
            assertEquals(expectedUsers.size(), wallet.applied(), "each applied once");
            wallet.drain();
            assertEquals(2 * expectedUsers.size(), wallet.received(), "acknowledged messages are gone");
        }
        assertEquals(100, balance("alice"), "two shares of 50");
        assertEquals(50, balance("bob"));
        assertEquals(100, balance("rainer0"));
        assertEquals(101, balance("rainer1"));
        assertEquals(102, balance("rainer2"));
        assertEquals(250, balance("erin"), "the refund");
        assertEquals(1, count("SELECT prizes FROM wallet WHERE user_id = 'alice'"));
        assertEquals(0, count("SELECT COUNT(*) FROM wallet WHERE user_id IN ('carol', 'dave')"), "no void, no sender");
    }

    private List<String> relayUntilDrained() {
        List<String> outcomes = new ArrayList<>();
        for (int run = 0; run < 20; run++) {
            String outcome = relay().getString("outcome");
            outcomes.add(outcome);
            if ("drained".equals(outcome)) {
                return outcomes;
            }
            assertEquals("behind", outcome, outcomes.toString());
        }
        throw new AssertionError("the relay never drained: " + outcomes);
    }

    private static JsonPath relay() {
        return given().auth().oauth2(TestTokens.admin()).post(JOB).then().statusCode(200).extract().jsonPath();
    }

    private static List<Message> receive(SqsClient sqs) {
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(LocalSqs.queueUrl())
                .maxNumberOfMessages(10)
                .waitTimeSeconds(1)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        for (Message message : got) {
            sqs.deleteMessage(d -> d.queueUrl(LocalSqs.queueUrl()).receiptHandle(message.receiptHandle()));
        }
        return got;
    }

    /** The event has the schema's required fields, only fields the schema names, each of the type it says. */
    private static void conformsToTheSchema(JsonNode event) throws Exception {
        JsonNode schema = JSON.readTree(Files.readString(Repo.file("docs/events.schema.json")));
        JsonNode properties = schema.get("properties");
        for (JsonNode required : schema.get("required")) {
            assertNotNull(event.get(required.asText()), "required " + required + " in " + event);
        }
        Set<String> types = new HashSet<>();
        schema.get("properties").get("type").get("enum").forEach(t -> types.add(t.asText()));
        assertTrue(types.contains(event.get("type").asText()), event.toString());
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode declared = properties.get(field.getKey());
            assertNotNull(declared, "the schema names " + field.getKey());
            String type = declared.get("type").asText();
            boolean ok = switch (type) {
                case "string" -> field.getValue().isTextual();
                case "integer" -> field.getValue().isIntegralNumber();
                default -> false;
            };
            assertTrue(ok, field.getKey() + " is a " + type + " in " + event);
        }
    }

    private long grantId(String user) throws SQLException {
        return count("SELECT id FROM prize_grant WHERE status = 'granted' AND user_id = '" + user + "' AND campaign_id = "
                + raffle);
    }

    private long balance(String user) throws SQLException {
        return count("SELECT balance_cents FROM wallet WHERE user_id = '" + user + "'");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = mysql.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = mysql.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

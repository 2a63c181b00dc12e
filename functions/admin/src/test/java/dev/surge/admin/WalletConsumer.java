package dev.surge.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The example consumer of docs/events.md: credits an in-database wallet with each event's money, exactly once per
 * event id however often it is delivered. The credit and the record that the event was applied are one transaction;
 * a message is deleted from the queue (acknowledged) only after that commits, so a consumer that dies in between
 * gets the message again and finds it applied.
 */
final class WalletConsumer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final DataSource db;
    private int received;
    private int applied;

    WalletConsumer(SqsClient sqs, String queueUrl, DataSource db) throws SQLException {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.db = db;
        try (Connection c = db.getConnection(); var s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS wallet (user_id VARCHAR(128) NOT NULL PRIMARY KEY,
                        balance_cents BIGINT NOT NULL, prizes INT NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS wallet_applied_event (event_id VARCHAR(100) NOT NULL PRIMARY KEY,
                        user_id VARCHAR(128) NOT NULL)""");
        }
    }

    /** Takes every message the queue has now, until a receive comes back empty. */
    void drain() throws SQLException {
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (messages.isEmpty()) {
                return;
            }
            for (Message message : messages) {
                received++;
                apply(message.body());
                sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    int received() {
        return received;
    }

    int applied() {
        return applied;
    }

    private void apply(String body) throws SQLException {
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not an event: " + body, e);
        }
        String user = event.get("userId").asText();
        long cents = event.has("amountCents") ? event.get("amountCents").asLong() : 0;
        int prizes = "prize.granted".equals(event.get("type").asText()) ? 1 : 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement seen = c.prepareStatement(
                    "INSERT INTO wallet_applied_event (event_id, user_id) VALUES (?, ?)");
                    PreparedStatement credit = c.prepareStatement("""
                            INSERT INTO wallet (user_id, balance_cents, prizes) VALUES (?, ?, ?)
                            ON DUPLICATE KEY UPDATE balance_cents = balance_cents + VALUES(balance_cents),
                                                    prizes = prizes + VALUES(prizes)""")) {
                seen.setString(1, event.get("eventId").asText());
                seen.setString(2, user);
                seen.executeUpdate();
                credit.setString(1, user);
                credit.setLong(2, cents);
                credit.setInt(3, prizes);
                credit.executeUpdate();
                c.commit();
                applied++;
            } catch (SQLIntegrityConstraintViolationException duplicate) {
                // Delivered before: applied then, so nothing to do now but acknowledge.
                c.rollback();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}

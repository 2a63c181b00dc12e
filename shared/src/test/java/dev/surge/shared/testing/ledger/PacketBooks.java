package dev.surge.shared.testing.ledger;

import java.util.List;

import dev.surge.shared.testing.Sql;

/**
 * The red packets' books in MySQL, read with plain SQL: the money checks a test and the benchmark make, each a
 * count of what breaks the rule (0 when it holds).
 */
public record PacketBooks(String database) {

    public long packets() {
        return Sql.number(database, "SELECT COUNT(*) FROM red_packet");
    }

    /** The ids of every packet sent. */
    public List<String> ids() {
        return Sql.rows(database, "SELECT id FROM red_packet").stream().map(row -> row.get(0)).toList();
    }

    public long sentCents() {
        return Sql.number(database, "SELECT COALESCE(SUM(amount_cents), 0) FROM red_packet");
    }

    public long shares(String packetId) {
        return Sql.number(database, "SELECT COUNT(*) FROM red_packet_share WHERE packet_id = '" + packetId + "'");
    }

    public long shareSum(String packetId) {
        return Sql.number(database, "SELECT SUM(amount_cents) FROM red_packet_share WHERE packet_id = '" + packetId + "'");
    }

    /** Packets whose shares do not add up to the amount sent, or do not number its share count. */
    public long packetsNotAddingUp() {
        return Sql.number(database, "SELECT COUNT(*) FROM red_packet p WHERE p.amount_cents <> (SELECT SUM(amount_cents) "
                + "FROM red_packet_share s WHERE s.packet_id = p.id) OR p.share_count <> (SELECT COUNT(*) "
                + "FROM red_packet_share s WHERE s.packet_id = p.id)");
    }

    public long sharesBelowOneCent() {
        return Sql.number(database, "SELECT COUNT(*) FROM red_packet_share WHERE amount_cents < 1");
    }

    /** Equal packets whose shares differ by more than a cent. */
    public long unequalEqualPackets() {
        return Sql.number(database, "SELECT COUNT(*) FROM (SELECT packet_id FROM red_packet_share s JOIN red_packet p "
                + "ON p.id = s.packet_id WHERE p.mode = 'equal' GROUP BY packet_id "
                + "HAVING MAX(s.amount_cents) - MIN(s.amount_cents) > 1) x");
    }

    /** Random shares above twice the mean of what was left when they were cut (the double-mean rule). */
    public long sharesOverDoubleMean() {
        return Sql.number(database, "SELECT COUNT(*) FROM (SELECT s.packet_id, s.seq, s.amount_cents, p.amount_cents "
                + "- COALESCE(SUM(s.amount_cents) OVER (PARTITION BY s.packet_id ORDER BY s.seq ROWS BETWEEN UNBOUNDED "
                + "PRECEDING AND 1 PRECEDING), 0) AS remaining, p.share_count - s.seq AS left_count "
                + "FROM red_packet_share s JOIN red_packet p ON p.id = s.packet_id WHERE p.mode = 'random') x "
                + "WHERE left_count > 1 AND amount_cents > 2 * remaining / left_count");
    }

    /** (packet, user) pairs holding more than one share. */
    public long usersWithTwoShares() {
        return Sql.number(database, "SELECT COUNT(*) FROM (SELECT packet_id FROM red_packet_share WHERE grabbed_by "
                + "IS NOT NULL GROUP BY packet_id, grabbed_by HAVING COUNT(*) > 1) x");
    }

    public long sharesTaken() {
        return Sql.number(database, "SELECT COUNT(*) FROM red_packet_share WHERE grabbed_by IS NOT NULL");
    }

    public long centsTaken() {
        return Sql.number(database, "SELECT COALESCE(SUM(amount_cents), 0) FROM red_packet_share WHERE grabbed_by IS NOT NULL");
    }

    /** A packet and the cents not yet taken from it. */
    public record Untaken(String packetId, long cents) {
    }

    public List<Untaken> untaken() {
        return Sql.rows(database, "SELECT p.id, p.amount_cents - COALESCE((SELECT SUM(s.amount_cents) FROM "
                + "red_packet_share s WHERE s.packet_id = p.id AND s.grabbed_by IS NOT NULL), 0) FROM red_packet p")
                .stream()
                .map(row -> new Untaken(row.get(0), Long.parseLong(row.get(1))))
                .toList();
    }
}

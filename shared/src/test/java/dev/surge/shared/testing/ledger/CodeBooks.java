package dev.surge.shared.testing.ledger;

import java.util.List;

import dev.surge.shared.testing.Sql;

/** The QR codes' books in MySQL, read with plain SQL, as a test and the benchmark check them. */
public record CodeBooks(String database) {

    public long bound() {
        return Sql.number(database, "SELECT COUNT(*) FROM qr_code WHERE status = 'bound'");
    }

    /** The request ids of the bound codes. */
    public List<String> boundRequests() {
        return Sql.rows(database, "SELECT request_id FROM qr_code WHERE status = 'bound'")
                .stream()
                .map(row -> row.get(0))
                .toList();
    }

    /** A code's binding: its request id and the page it opens. */
    public record Binding(String requestId, String page) {
    }

    public List<Binding> sampleOfBound(int count) {
        return Sql.rows(database, "SELECT request_id, page FROM qr_code WHERE status = 'bound' ORDER BY RAND() LIMIT "
                + count).stream().map(row -> new Binding(row.get(0), row.get(1))).toList();
    }
}

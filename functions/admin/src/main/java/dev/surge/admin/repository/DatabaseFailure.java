package dev.surge.admin.repository;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.time.Duration;

import org.jboss.logging.Logger;

import dev.surge.shared.model.Refusal;

/** What a failed JDBC call means to the caller. */
final class DatabaseFailure {

    private static final Logger LOG = Logger.getLogger(DatabaseFailure.class);
    private DatabaseFailure() {
    }

    /**
     * A statement MySQL refused as written is a defect here (500); anything else (no connection, a timeout, a
     * lock wait, a failover) is MySQL being unavailable, answered 503 so the operator tries again.
     */
    static RuntimeException of(SQLException e, Duration retryAfter) {
        if (e instanceof SQLSyntaxErrorException || e instanceof SQLDataException
                || e instanceof SQLIntegrityConstraintViolationException) {
            return new IllegalStateException("MySQL refused a statement", e);
        }
        LOG.warnf("MySQL failed: %s", e.toString());
        return Refusal.unavailable("MySQL cannot complete the request right now; try again shortly",
                retryAfter);
    }
}

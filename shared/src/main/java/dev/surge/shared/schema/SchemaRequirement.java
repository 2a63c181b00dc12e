package dev.surge.shared.schema;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The schema a hot function needs, checked once when it starts: the highest version Flyway recorded as applied
 * ({@code flyway_schema_history}, written by the admin function's migration step) must be at least the version the
 * function declares. On an older schema the function refuses to start, naming both versions: its statements would
 * fail on a missing column in the middle of a grant. When MySQL does not answer within the check's timeout the
 * function starts unchecked: its hot paths answer from Redis and degrade without MySQL, so a MySQL blip during a
 * cold start must not become an outage, and the deploy already migrated before this version took traffic.
 */
public final class SchemaRequirement {

    private static final Logger LOG = Logger.getLogger(SchemaRequirement.class);

    /** Whether Flyway's history is there at all (a database nobody migrated has none). */
    public static final String HISTORY_EXISTS = "SELECT COUNT(*) FROM information_schema.tables"
            + " WHERE table_schema = DATABASE() AND table_name = 'flyway_schema_history'";
    /** The versions applied successfully; repeatable migrations have none. */
    public static final String APPLIED_VERSIONS = "SELECT version FROM flyway_schema_history"
            + " WHERE success = 1 AND version IS NOT NULL";
    /** The version of a database without a history. */
    public static final String NONE = "none";

    /** How a check ended when the function may start. */
    public enum Outcome {
        /** The schema is the one the function needs, or newer. */
        CURRENT,
        /** MySQL did not answer in time: started without knowing. */
        UNCHECKED
    }

    /** A schema older than the function needs: start-up fails with this. */
    public static final class SchemaTooOld extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        SchemaTooOld(String message) {
            super(message);
        }
    }

    private SchemaRequirement() {
    }

    /**
     * @param function the function's name, for the log
     * @param required the lowest schema version the function works with
     * @param firstColumn runs one statement and answers its first column as text, one element a row
     * @param timeout how long the whole check may wait for MySQL
     */
    public static Outcome verify(String function, String required, Function<String, Uni<List<String>>> firstColumn,
            Duration timeout) {
        String found;
        try {
            found = firstColumn.apply(HISTORY_EXISTS)
                    .chain(exists -> exists.isEmpty() || "0".equals(exists.get(0))
                            ? Uni.createFrom().item(NONE)
                            : firstColumn.apply(APPLIED_VERSIONS).map(SchemaRequirement::highest))
                    .await()
                    .atMost(timeout);
        } catch (RuntimeException e) {
            LOG.warnf("%s starts without checking the schema: no answer from MySQL within %d ms (%s); it needs "
                    + "version %s", function, timeout.toMillis(), e.toString(), required);
            return Outcome.UNCHECKED;
        }
        if (compare(found, required) < 0) {
            String message = String.format("%s refuses to start: the MySQL schema is at version %s, it needs %s. Run "
                    + "the schema migration (POST /internal/v1/schema/migrate on the admin function) first.",
                    function, found, required);
            LOG.error(message);
            throw new SchemaTooOld(message);
        }
        LOG.infof("%s: MySQL schema at version %s (needs %s)", function, found, required);
        return Outcome.CURRENT;
    }

    /** The highest of Flyway versions ("5", "5.1"), or {@link #NONE} when there are none. */
    static String highest(List<String> versions) {
        String highest = NONE;
        for (String version : versions) {
            if (compare(version, highest) > 0) {
                highest = version;
            }
        }
        return highest;
    }

    /** Orders Flyway versions part by part, numerically; {@link #NONE} is older than every version. */
    static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (NONE.equals(a)) {
            return -1;
        }
        if (NONE.equals(b)) {
            return 1;
        }
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}

package dev.surge.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import dev.surge.draw.service.SchemaCheck;
import dev.surge.shared.schema.SchemaRequirement;
import dev.surge.shared.testing.LocalServices;

/**
 * The draw's start-up check against a real MariaDB: it refuses a schema whose history says older than the
 * version it declares, starts on the current one, and on a MySQL that does not answer starts unchecked within
 * its timeout instead of hanging. (Every @QuarkusTest of this module starts on the current schema through it.)
 */
class SchemaCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final LocalServices services = new LocalServices();
    private static Vertx vertx;
    private static String database;

    @BeforeAll
    static void database() {
        services.init(Map.of(LocalServices.SCHEMA, "true"));
        database = services.start().get(LocalServices.DATABASE_PROPERTY);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void drop() {
        vertx.closeAndAwait();
        services.stop();
    }

    @Test
    void refusesAnOlderSchemaAndNamesBothVersions() {
        String required = requiredVersion();
        LocalServices.recordHistory(database, Integer.parseInt(required) - 1);
        Pool pool = pool(LocalServices.MYSQL_PORT);
        try {
            SchemaRequirement.SchemaTooOld refused = assertThrows(SchemaRequirement.SchemaTooOld.class,
                    () -> SchemaCheck.check(pool, required, TIMEOUT));
            assertTrue(refused.getMessage().contains("at version " + (Integer.parseInt(required) - 1)), refused.getMessage());
            assertTrue(refused.getMessage().contains("it needs " + required), refused.getMessage());

            LocalServices.recordHistory(database, Integer.parseInt(required));
            assertEquals(SchemaRequirement.Outcome.CURRENT, SchemaCheck.check(pool, required, TIMEOUT));
        } finally {
            pool.closeAndAwait();
            LocalServices.recordHistory(database, LocalServices.latestMigration());
        }
    }

    @Test
    void refusesADatabaseNobodyMigrated() {
        Pool pool = pool(LocalServices.MYSQL_PORT);
        try {
            LocalServices.mysqlStatement("DROP TABLE " + database + ".flyway_schema_history");
            SchemaRequirement.SchemaTooOld refused = assertThrows(SchemaRequirement.SchemaTooOld.class,
                    () -> SchemaCheck.check(pool, requiredVersion(), TIMEOUT));
            assertTrue(refused.getMessage().contains("at version none"), refused.getMessage());
        } finally {
            pool.closeAndAwait();
            LocalServices.recordHistory(database, LocalServices.latestMigration());
        }
    }

    @Test
    void aMysqlThatDoesNotAnswerLeavesStartUpUncheckedWithinTheTimeout() throws IOException {
        // Accepts connections and never sends the server greeting: a MySQL that hangs, not one that refuses.
        try (ServerSocket silent = new ServerSocket(0)) {
            Pool pool = pool(silent.getLocalPort());
            long started = System.nanoTime();
            try {
                assertEquals(SchemaRequirement.Outcome.UNCHECKED, SchemaCheck.check(pool, requiredVersion(), TIMEOUT));
            } finally {
                pool.close().subscribe().with(ignored -> {
                }, ignored -> {
                });
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(TIMEOUT.plusSeconds(1)) < 0, "took " + took);
        }
    }

    private static Pool pool(int port) {
        return MySQLPool.pool(vertx,
                new MySQLConnectOptions().setHost(LocalServices.HOST)
                        .setPort(port)
                        .setDatabase(database)
                        .setUser(LocalServices.APP_USER)
                        .setPassword(LocalServices.APP_PASSWORD)
                        .setConnectTimeout(10_000),
                new PoolOptions().setMaxSize(1));
    }

    /** The version the draw declares in its application.properties. */
    private static String requiredVersion() {
        try (InputStream in = SchemaCheckTest.class.getResourceAsStream("/application.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("surge.schema.required-version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.surge.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a test run the real local Redis and MariaDB: starts them through {@code scripts/services} when they
 * are not up, then hands the run a database and a Redis key prefix of its own, removed when it ends. No mocks
 * and no containers. In the cluster suite (system property {@value #REDIS_MODE} = {@code cluster}, set by the build's
 * {@code redis-cluster} test run) Redis is the local Redis Cluster instead, as production runs it: three masters
 * with a replica each ({@code scripts/services cluster}), the function in cluster mode.
 */
public class LocalServices implements QuarkusTestResourceLifecycleManager {

    public static final String HOST = "127.0.0.1";
    public static final int REDIS_PORT = 6379;
    public static final int MYSQL_PORT = 3306;
    public static final String APP_USER = "surge";
    public static final String APP_PASSWORD = "surge";

    /** Init argument: "true" applies the admin side's migrations to the run's database (for hot-path tests). */
    public static final String SCHEMA = "schema";

    /** The property that tells a test the name of its run's database. */
    public static final String DATABASE_PROPERTY = "surge.test.database";

    /** System property: {@code cluster} runs the tests against the local Redis Cluster. */
    public static final String REDIS_MODE = "surge.test.redis";
    /** The cluster's masters as {@code scripts/services cluster} makes them; the client finds the rest itself. */
    public static final List<Integer> CLUSTER_PORTS = List.of(7101, 7102, 7103, 7104, 7105, 7106);

    private static boolean scriptsForgotten;

    /**
     * Empties every node's script cache when this JVM first uses the cluster, so that what the cache holds at the
     * end is what this suite ran ({@link ClusterScriptCoverage}).
     */
    private static synchronized void forgetScriptsOnce() {
        if (scriptsForgotten) {
            return;
        }
        for (int port : CLUSTER_PORTS) {
            exec(List.of("redis-cli", "-h", HOST, "-p", Integer.toString(port), "script", "flush"), true);
        }
        scriptsForgotten = true;
    }

    /** Runs a command and answers what it printed; a failure when it fails. */
    public static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command) + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether this run's Redis is the cluster. */
    public static boolean onCluster() {
        return "cluster".equals(System.getProperty(REDIS_MODE));
    }

    private String run;
    private boolean schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = Boolean.parseBoolean(initArgs.getOrDefault(SCHEMA, "false"));
    }

    @Override
    public Map<String, String> start() {
        ensureUp();
        run = "t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        mysql("CREATE DATABASE " + database() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        if (schema) {
            applyMigrations();
        }
        Map<String, String> config = new HashMap<>();
        if (onCluster()) {
            exec(List.of("bash", Repo.file("scripts/services").toString(), "cluster"), true);
            forgetScriptsOnce();
            config.put("quarkus.redis.client-type", "cluster");
            config.put("quarkus.redis.hosts", String.join(",",
                    CLUSTER_PORTS.subList(0, 3).stream().map(p -> "redis://" + HOST + ":" + p).toList()));
        }
        config.put("surge.redis.key-prefix", run);
        config.put(DATABASE_PROPERTY, database());
        config.put("quarkus.datasource.username", APP_USER);
        config.put("quarkus.datasource.password", APP_PASSWORD);
        config.put("quarkus.datasource.jdbc.url", "jdbc:mariadb://" + HOST + ":" + MYSQL_PORT + "/" + database());
        // A test profile may route MySQL through a proxy by setting surge.test.mysql-port.
        config.put("quarkus.datasource.reactive.url",
                "mysql://" + HOST + ":${surge.test.mysql-port:" + MYSQL_PORT + "}/" + database());
        return config;
    }

    @Override
    public void stop() {
        if (run == null) {
            return;
        }
        mysql("DROP DATABASE IF EXISTS " + database());
        // Keys are few per run; the unlink is best effort and never fails the run. On the cluster each node holds
        // its own keys (a replica refuses the unlink, its master does it).
        List<Integer> ports = onCluster() ? CLUSTER_PORTS : List.of(REDIS_PORT);
        for (int port : ports) {
            // One UNLINK per key: keys of one node may still lie in different slots.
            exec(List.of("sh", "-c", "redis-cli -h " + HOST + " -p " + port + " --scan --pattern '" + run
                    + ":*' | sed 's/^/UNLINK /' | redis-cli -h " + HOST + " -p " + port + " > /dev/null 2>&1"), false);
        }
    }

    /**
     * Applies the admin function's Flyway migrations in version order, as plain SQL: hot-path functions never
     * run Flyway themselves, but their tests need the schema it makes.
     */
    private void applyMigrations() {
        Path dir = Repo.file("functions/admin/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(LocalServices::version))
                    .toList();
            for (Path migration : migrations) {
                exec(List.of("sh", "-c", "mariadb -h " + HOST + " -u " + APP_USER + " -p" + APP_PASSWORD + " "
                        + database() + " < '" + migration + "'"), true);
            }
            recordHistory(database(), migrations.isEmpty() ? 0 : version(migrations.get(migrations.size() - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations in " + dir, e);
        }
    }

    /**
     * Writes Flyway's history table as a migration to {@code version} leaves it (one successful row per version),
     * so the hot functions' start-up check reads what it reads in production. A test of an older schema calls it
     * with a lower version.
     */
    public static void recordHistory(String database, int version) {
        StringBuilder sql = new StringBuilder("USE " + database + "; DROP TABLE IF EXISTS flyway_schema_history; "
                + "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), "
                + "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, "
                + "checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT "
                + "CURRENT_TIMESTAMP, execution_time INT NOT NULL, success BOOL NOT NULL);");
        for (int v = 1; v <= version; v++) {
            sql.append(" INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "installed_by, execution_time, success) VALUES (")
                    .append(v)
                    .append(", '")
                    .append(v)
                    .append("', 'test kit', 'SQL', 'V")
                    .append(v)
                    .append("', 'surge', 0, 1);");
        }
        mysql(sql.toString());
    }

    /** The version of the admin function's newest migration. */
    public static int latestMigration() {
        Path dir = Repo.file("functions/admin/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .mapToInt(LocalServices::version)
                    .max()
                    .orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations in " + dir, e);
        }
    }

    /** Runs SQL as the application's user. */
    public static void mysqlStatement(String sql) {
        mysql(sql);
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    public String database() {
        return "surge_" + run;
    }

    /** Makes sure both services answer; starts or installs them with the project's script otherwise. */
    public static void ensureUp() {
        if (listening(REDIS_PORT) && listening(MYSQL_PORT) && appUserWorks()) {
            return;
        }
        exec(List.of("bash", Repo.file("scripts/services").toString(), "up"), true);
    }

    private static boolean appUserWorks() {
        return exec(List.of("mariadb", "-h", HOST, "-u", APP_USER, "-p" + APP_PASSWORD, "-e", "SELECT 1"), false);
    }

    private static void mysql(String sql) {
        exec(List.of("mariadb", "-h", HOST, "-u", APP_USER, "-p" + APP_PASSWORD, "-e", sql), true);
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command (a project script, say), its output in the test log; false or a failure when it fails. */
    public static boolean exec(List<String> command, boolean mustSucceed) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command.get(0));
            }
            boolean ok = process.exitValue() == 0;
            if (!ok && mustSucceed) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + String.join(" ", command));
            }
            return ok;
        } catch (IOException e) {
            if (mustSucceed) {
                throw new IllegalStateException("cannot run " + command.get(0), e);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

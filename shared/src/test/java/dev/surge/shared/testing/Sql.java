package dev.surge.shared.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Plain SQL against a test run's database through the {@code mariadb} client: what a test uses to set the
 * stage and to check the ledger, independently of the code under test.
 */
public final class Sql {

    private Sql() {
    }

    public static void exec(String database, String sql) {
        run(database, sql);
    }

    /** Rows of a query, each as its tab-separated columns. */
    public static List<List<String>> rows(String database, String sql) {
        String out = run(database, sql);
        return out.isBlank()
                ? List.of()
                : out.lines().map(line -> Arrays.asList(line.split("\t", -1))).toList();
    }

    public static long number(String database, String sql) {
        List<List<String>> rows = rows(database, sql);
        return rows.isEmpty() || "NULL".equals(rows.get(0).get(0)) ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    private static String run(String database, String sql) {
        try {
            Process process = new ProcessBuilder("mariadb", "-h", LocalServices.HOST, "-u", LocalServices.APP_USER,
                    "-p" + LocalServices.APP_PASSWORD, "-N", "-B", database, "-e", sql).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("SQL failed: " + sql + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the mariadb client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.surge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.surge.shared.testing.LocalServices;

/**
 * What a benchmark run works with: the checkout, the bench's own Redis and database, the functions' ports, and
 * the processes it asks {@code scripts/bench} to start and stop. Every external tool (redis-cli, wrk, gnuplot,
 * jcmd) runs from here.
 */
final class Lab {

    static final String HOST = "127.0.0.1";
    static final String KEY_PREFIX = "surge";
    static final Map<String, Integer> PORTS = Map.of("eligibility", 8301, "draw", 8302, "redpacket", 8303, "qr", 8304,
            "admin", 8305);
    static final Map<String, String> MODULES = Map.of("eligibility", "functions/eligibility", "draw", "functions/draw",
            "redpacket", "functions/redpacket", "qr", "functions/qr", "admin", "functions/admin");

    final Path root;
    final Path runDir;
    final int redisPort;
    final String database;
    final Settings settings;
    private final List<String> started = new ArrayList<>();
    private String operator;

    Lab(Path root, Settings settings) {
        this.root = root;
        this.runDir = root.resolve("bench/run");
        this.settings = settings;
        this.redisPort = settings.redisPort();
        this.database = settings.database();
    }

    static void say(String message) {
        System.err.println("[bench] " + message);
    }

    /** A run that cannot go on; its message was printed already. */
    static final class Failure extends RuntimeException {

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    static Failure die(String message) {
        say("error: " + message);
        return new Failure(message);
    }

    int port(String function) {
        return PORTS.get(function);
    }

    String url(String function, String path) {
        return "http://" + HOST + ":" + port(function) + path;
    }

    // ------------------------------------------------------------------------------------------------------
    // Processes

    /** Runs a command and returns its standard output; fails when it exits non-zero and {@code check} is set. */
    String exec(List<String> command, boolean check) {
        return exec(command, null, check);
    }

    String exec(List<String> command, String input, boolean check) {
        try {
            Path out = Files.createTempFile("bench", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
                builder.redirectError(check ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
                Process process = builder.start();
                if (input != null) {
                    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                }
                process.getOutputStream().close();
                String errors = check ? new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : "";
                int code = process.waitFor();
                String output = Files.readString(out);
                if (check && code != 0) {
                    throw die(String.join(" ", command) + " exited " + code + ": " + errors + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command with its output to {@code log}; returns the exit code. */
    int execTo(List<String> command, Map<String, String> environment, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One of this jar's own commands in a JVM of its own, as a measuring tool must not share the run's heap. */
    String tool(String... args) {
        return exec(toolCommand(args), true);
    }

    /** The same, its output shown as it comes. */
    void toolShown(String... args) {
        runShown(toolCommand(args), "bench " + args[0]);
    }

    private static List<String> toolCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                Bench.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Runs a command with its output shown; fails, as {@code what}, when it exits non-zero. */
    private static void runShown(List<String> command, String what) {
        try {
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) {
                throw die(what + " exited " + code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An operator's token (admin scope), signed once a run: it lives two hours, longer than any run. */
    String operatorToken() {
        if (operator == null) {
            operator = tool("tokens", "--key", root.resolve("config/dev-keys/private.pem").toString(), "--subject",
                    "bench-operator", "--admin", "--ttl", "7200").strip();
        }
        return operator;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts a function through {@code scripts/bench function start} and waits until it is ready. */
    void start(String function, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/bench").toString(), "function",
                "start", function, Integer.toString(port(function)), MODULES.get(function)));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        runShown(command, "starting " + function);
        started.add(function);
    }

    void stopFunctions() {
        if (started.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/bench").toString(), "function",
                "stop"));
        command.addAll(started);
        exec(command, false);
        started.clear();
    }

    /** The pid of a function started here (0 when it does not run). */
    long pid(String function) {
        try {
            Path file = runDir.resolve(function + ".pid");
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Redis and MySQL

    String redis(String... args) {
        return redisAt(redisPort, args);
    }

    String redisAt(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", HOST, "-p", Integer.toString(port)));
        command.addAll(Arrays.asList(args));
        return exec(command, true).strip();
    }

    /** Commands fed to redis-cli on its standard input, one a line; the answers, one a line. */
    List<String> redisBatch(String commands) {
        return exec(List.of("redis-cli", "-h", HOST, "-p", Integer.toString(redisPort)), commands, true).lines()
                .toList();
    }

    void redisPipe(String protocolOrCommands) {
        exec(List.of("redis-cli", "-h", HOST, "-p", Integer.toString(redisPort), "--pipe"), protocolOrCommands, true);
    }

    long redisNumber(String... args) {
        String value = redis(args);
        return value.isEmpty() ? 0 : Long.parseLong(value);
    }

    List<String> scan(String pattern) {
        String out = redis("--scan", "--pattern", pattern);
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /** A sum of INFO fields of a section ({@code used_cpu_user}, ...). */
    static double info(String info, String... fields) {
        double sum = 0;
        for (String line : info.lines().toList()) {
            for (String field : fields) {
                if (line.startsWith(field + ":")) {
                    sum += Double.parseDouble(line.substring(field.length() + 1).strip());
                }
            }
        }
        return sum;
    }

    /** The bench's database, dropped and made again, as the application's user (the one the tests' SQL uses). */
    void freshDatabase() {
        exec(List.of("mariadb", "-h", HOST, "-u", LocalServices.APP_USER, "-p" + LocalServices.APP_PASSWORD, "-e",
                "DROP DATABASE IF EXISTS `" + database + "`; CREATE DATABASE `" + database
                        + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"),
                true);
    }

    /** Waits, checking every {@code pollMillis}, until the condition holds or the attempts are used up. */
    static boolean await(int attempts, long pollMillis, java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < attempts; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(pollMillis);
        }
        return condition.getAsBoolean();
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Environment for every function the bench starts. */
    Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_REDIS_HOSTS", "redis://" + HOST + ":" + redisPort);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "mysql://" + HOST + ":3306/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:mariadb://" + HOST + ":3306/" + database);
        env.put("QUARKUS_LOG_CONSOLE_LEVEL", "WARN");
        String settle = settings.settleAfter();
        env.put("SURGE_DRAW_SETTLE_AFTER", settle);
        env.put("SURGE_DRAW_SETTLE_EVERY", "1s");
        env.put("SURGE_REDPACKET_SETTLE_AFTER", settle);
        env.put("SURGE_REDPACKET_SETTLE_EVERY", "1s");
        env.put("SURGE_QR_SETTLE_AFTER", settle);
        env.put("SURGE_QR_SETTLE_EVERY", "1s");
        env.put("SURGE_QR_REFILL_EVERY", "1h");
        env.put("SURGE_QR_POOLS_POSTER_TARGET", Integer.toString(settings.qrPool()));
        env.put("SURGE_QR_IMAGES_DIRECTORY", runDir.resolve("qr-images").toString());
        env.put("SURGE_QR_IMAGES_BASE_URL", url("qr", "/v1/qr-images"));
        return env;
    }
}

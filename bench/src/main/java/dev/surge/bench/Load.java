package dev.surge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The measuring phases: closed-loop with wrk, open-loop with the bench's own generator, raw Redis with
 * redis-benchmark, and a CPU profile by async-profiler. Each phase leaves {@code raw/<phase>.summary}
 * (key=value) and the function's metrics before and after it.
 */
final class Load {

    /** async-profiler (Maven Central's tools.profiler:async-profiler), its Linux library loaded into the JVM. */
    private static final String PROFILER_VERSION = "3.0";
    /** A MONITOR line a client sent: {@code <time> [<db> <client>] "cmd" ...}; scripts' own show {@code [<db> lua]}. */
    private static final Pattern CLIENT_COMMAND = Pattern.compile("^[0-9.]* \\[[0-9]* [0-9]");
    private static final Pattern SCRIPT_COMMAND = Pattern.compile("^[0-9.]* \\[[0-9]* lua\\]");

    private final Lab lab;
    private final Path raw;
    /** The kernel's clock ticks a second, the unit of a process's CPU time in /proc. */
    private final long clockTicks;
    /** Seconds the counting phase runs with MONITOR on (it slows Redis, so no other figure comes from it). */
    int countSeconds = 5;
    /** The scenario's hottest hash tag: its round trips all land on one shard of a cluster. */
    String hotTag;

    Load(Lab lab, Path raw) {
        this.lab = lab;
        this.raw = raw;
        this.clockTicks = Long.parseLong(lab.exec(List.of("getconf", "CLK_TCK"), true).strip());
    }

    Path raw(String name) {
        return raw.resolve(name);
    }

    Map<String, String> summary(String phase) {
        return Figures.read(raw(phase + ".summary"));
    }

    void scrape(String function, Path file) {
        try {
            HttpResponse<byte[]> answer = Admin.HTTP.send(HttpRequest.newBuilder(URI.create(lab.url(function, "/q/metrics")))
                    .timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            Files.write(file, answer.statusCode() == 200 ? answer.body() : new byte[0]);
        } catch (IOException e) {
            write(file, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Process and Redis counters

    double processCpu(String function) {
        long pid = lab.pid(function);
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    long memoryKb(String function, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + lab.pid(function) + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    long rssKb(String function) {
        return memoryKb(function, "VmRSS");
    }

    long peakRssKb(String function) {
        return memoryKb(function, "VmHWM");
    }

    /** Commands the server ran, scripts' own included (INFO commandstats, INFO itself left out). */
    long redisCommands() {
        long sum = 0;
        for (String line : lab.redis("info", "commandstats").lines().toList()) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                sum += Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return sum;
    }

    /**
     * Socket reads the server made: a client's pipeline arrives in one, so this counts network round trips
     * where MONITOR counts each command of a pipeline.
     */
    long redisReads() {
        return (long) Lab.info(lab.redis("info", "stats"), "total_reads_processed");
    }

    double redisCpu() {
        return Lab.info(lab.redis("info", "cpu"), "used_cpu_user", "used_cpu_sys");
    }

    // ------------------------------------------------------------------------------------------------------
    // Phases

    /** wrk at maximum throughput. */
    Map<String, String> closed(String phase, String function, int seconds, Request request, boolean quiet) {
        Path out = raw(phase);
        scrape(function, raw(phase + ".before.prom"));
        long redisBefore = redisCommands();
        double cpuBefore = processCpu(function);
        double redisCpuBefore = redisCpu();
        Map<String, String> env = new HashMap<>();
        env.put("BENCH_METHOD", request.method());
        env.put("BENCH_PATH", request.path());
        env.put("BENCH_PATHS", request.paths() == null ? "" : request.paths().toString());
        env.put("BENCH_BODY", request.body() == null ? "" : request.body());
        env.put("BENCH_TOKENS", request.tokens() == null ? "" : request.tokens().toString());
        env.put("BENCH_ATTRIBUTES", request.attributes() == null ? "" : request.attributes().toString());
        env.put("BENCH_IDEMPOTENCY", request.idempotency() ? "1" : "0");
        env.put("BENCH_REPEAT", Double.toString(request.repeat()));
        env.put("BENCH_OUT", out.toString());
        Path log = raw(phase + ".wrk.txt");
        int code = lab.execTo(List.of("wrk", "-t", "2", "-c", Integer.toString(lab.settings.connections()), "-d",
                seconds + "s", "--timeout", "10s", "-s", lab.root.resolve("bench/lua/request.lua").toString(),
                "http://" + Lab.HOST + ":" + lab.port(function)), env, log);
        Path summary = raw(phase + ".summary");
        if (code != 0) {
            throw Lab.die("wrk failed: " + read(log));
        }
        if (!Files.exists(summary) || read(summary).isEmpty()) {
            throw Lab.die("wrk wrote no figures for " + phase + ": " + read(log));
        }
        Figures.append(summary, "redis_commands", redisCommands() - redisBefore);
        Figures.append(summary, "fn_cpu_s", Figures.fixed(processCpu(function) - cpuBefore, 3));
        Figures.append(summary, "redis_cpu_s", Figures.fixed(redisCpu() - redisCpuBefore, 3));
        Figures.append(summary, "rss_kb", rssKb(function));
        scrape(function, raw(phase + ".after.prom"));
        Map<String, String> s = summary(phase);
        if (!quiet) {
            Lab.say(phase + ": " + s.get("rps") + " req/s closed-loop, p50 " + s.get("p50_ms") + " ms, p99 "
                    + s.get("p99_ms") + " ms");
        }
        return s;
    }

    /**
     * The open-loop generator at a fixed rate, counting the Redis server's socket reads; with {@code monitor}
     * the Redis commands clients send in the phase are counted from MONITOR (not those run inside scripts; each
     * command of a pipeline counts).
     */
    Map<String, String> open(String phase, String function, int seconds, long rate, Request request, boolean monitor,
            boolean quiet) {
        Path out = raw(phase);
        scrape(function, raw(phase + ".before.prom"));
        long readsBefore = redisReads();
        Process watcher = null;
        Path monitorFile = raw(phase + ".monitor");
        if (monitor) {
            try {
                watcher = new ProcessBuilder("redis-cli", "-h", Lab.HOST, "-p", Integer.toString(lab.redisPort),
                        "monitor").redirectOutput(monitorFile.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Lab.sleep(300);
        }
        List<String> args = new ArrayList<>(List.of("open-loop", "--port", Integer.toString(lab.port(function)),
                "--method", request.method(), "--path", request.path(), "--rate", Long.toString(rate), "--duration",
                Integer.toString(seconds), "--warmup", Integer.toString(lab.settings.openWarmup()), "--connections",
                Integer.toString(lab.settings.connections()), "--out", out.toString()));
        if (request.body() != null && !request.body().isEmpty()) {
            args.addAll(List.of("--body", request.body()));
        }
        if (request.tokens() != null) {
            args.addAll(List.of("--tokens", request.tokens().toString()));
        }
        if (request.attributes() != null) {
            args.addAll(List.of("--attributes", request.attributes().toString()));
        }
        if (request.paths() != null) {
            args.addAll(List.of("--paths", request.paths().toString()));
        }
        if (request.idempotency()) {
            args.add("--idempotency");
        }
        args.addAll(List.of("--repeat", Double.toString(request.repeat())));
        String printed = lab.tool(args.toArray(String[]::new));
        if (!quiet && !printed.isBlank()) {
            System.err.print(printed);
        }
        Path summary = raw(phase + ".summary");
        Figures.append(summary, "redis_reads", redisReads() - readsBefore);
        if (watcher != null) {
            Lab.sleep(300);
            watcher.destroy();
            try {
                watcher.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            List<String> lines = lines(monitorFile);
            Figures.append(summary, "redis_roundtrips", lines.stream().filter(l -> CLIENT_COMMAND.matcher(l).find()).count());
            Figures.append(summary, "redis_script_commands",
                    lines.stream().filter(l -> SCRIPT_COMMAND.matcher(l).find()).count());
            if (hotTag != null) {
                Figures.append(summary, "redis_roundtrips_hot_tag", lines.stream()
                        .filter(l -> CLIENT_COMMAND.matcher(l).find() && l.contains(hotTag))
                        .count());
            }
            write(raw(phase + ".redis.md"), roundTripTable(lines, Figures.number(summary(phase).get("requests"))));
            gzip(monitorFile);
        }
        Figures.append(summary, "rss_kb", rssKb(function));
        scrape(function, raw(phase + ".after.prom"));
        Map<String, String> s = summary(phase);
        if (!quiet) {
            Lab.say(phase + ": " + s.get("rps") + " req/s open-loop at " + rate + "/s, p50 " + s.get("p50_ms")
                    + " ms, p99 " + s.get("p99_ms") + " ms, p99.9 " + s.get("p999_ms") + " ms");
        }
        return s;
    }

    /** The phase's Redis round trips by command (a script by its file name), per request of the phase. */
    private String roundTripTable(List<String> monitorLines, double requests) {
        Map<String, String> scripts = new HashMap<>();
        try (Stream<Path> files = Stream.concat(luaFiles(lab.root.resolve("shared/src/main/resources/lua")),
                Files.list(lab.root.resolve("functions")).flatMap(m -> luaFiles(m.resolve("src/main/resources/lua"))))) {
            files.forEach(f -> scripts.put(sha1(f), f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> count = new LinkedHashMap<>();
        for (String line : monitorLines) {
            String[] f = line.split(" ");
            if (f.length < 4 || !f[1].matches("\\[[0-9]+") || f[2].equals("lua]")) {
                continue;
            }
            String command = f[3].replace("\"", "").toLowerCase(java.util.Locale.ROOT);
            if (command.equals("evalsha") || command.equals("eval")) {
                String hash = f.length > 4 ? f[4].replace("\"", "") : "";
                command = command + " " + scripts.getOrDefault(hash, "(other script)");
            }
            count.merge(command, 1, Integer::sum);
        }
        StringBuilder table = new StringBuilder(
                "| Redis command (client round trips) | count | per request |\n|---|---:|---:|\n");
        double n = requests == 0 ? 1 : requests;
        count.entrySet()
                .stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> table.append("| ")
                        .append(e.getKey())
                        .append(" | ")
                        .append(e.getValue())
                        .append(" | ")
                        .append(Figures.fixed(e.getValue() / n, 4))
                        .append(" |\n"));
        return table.toString();
    }

    private static Stream<Path> luaFiles(Path dir) {
        try {
            return Files.isDirectory(dir)
                    ? Files.list(dir).filter(p -> p.toString().endsWith(".lua")).sorted()
                    : Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(Path file) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** redis-benchmark running EVALSHA of a script ({@code __rand_int__} becomes a random number per call). */
    Map<String, String> redisScript(String phase, Path script, int requests, String... keysAndArgs) {
        String sha = lab.redis("script", "load", read(script));
        List<String> command = new ArrayList<>(List.of("evalsha", sha));
        command.addAll(List.of(keysAndArgs));
        return redisCommand(phase, requests, command.toArray(String[]::new));
    }

    /** redis-benchmark running one command. */
    Map<String, String> redisCommand(String phase, int requests, String... command) {
        List<String> args = new ArrayList<>(List.of("redis-benchmark", "-h", Lab.HOST, "-p",
                Integer.toString(lab.redisPort), "-c", Integer.toString(lab.settings.connections()), "-n",
                Integer.toString(requests), "-r", "1000000", "--csv"));
        args.addAll(List.of(command));
        String csv = lab.exec(args, true);
        write(raw(phase + ".csv"), csv);
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        List<String> rows = csv.lines().filter(l -> !l.isBlank()).toList();
        String[] f = rows.get(rows.size() - 1).replace("\"", "").split(",");
        write(raw(phase + ".summary"), "tool=redis-benchmark\nrps=" + f[1] + "\nmean_ms=" + f[2] + "\np50_ms=" + f[4]
                + "\np99_ms=" + f[6] + "\nmax_ms=" + f[7] + "\n");
        Map<String, String> s = summary(phase);
        Lab.say(phase + ": " + s.get("rps") + " " + command[0] + "/s, p50 " + s.get("p50_ms") + " ms, p99 "
                + s.get("p99_ms") + " ms");
        return s;
    }

    // ------------------------------------------------------------------------------------------------------
    // CPU profile (BENCH_PROFILE=1): async-profiler samples by interval timer at about 1% overhead; a JFR
    // profile slowed eligibility six-fold here and so measured its own cost.

    void profileStart(String function) {
        if (!lab.settings.profile()) {
            return;
        }
        // jcmd reads name=value as its own option: the agent's options go quoted.
        lab.exec(List.of("jcmd", Long.toString(lab.pid(function)), "JVMTI.agent_load", profilerLibrary().toString(),
                "\"start,event=itimer,interval=1ms,threads\""), true);
    }

    void profileStop(String function, String phase) {
        if (!lab.settings.profile()) {
            return;
        }
        Path collapsed = raw(phase + ".collapsed");
        lab.exec(List.of("jcmd", Long.toString(lab.pid(function)), "JVMTI.agent_load", profilerLibrary().toString(),
                "\"stop,collapsed,file=" + collapsed + "\""), true);
        Profile profile = Profile.read(collapsed);
        write(raw(phase + ".profile.md"), profile.markdown());
        Lab.say("profile of " + function + ": " + profile.samples() + " samples, hottest in "
                + lab.root.relativize(raw(phase + ".profile.md")));
    }

    private Path profilerLibrary() {
        Path lib = lab.root.resolve("bench/target/async-profiler-" + PROFILER_VERSION + "/libasyncProfiler.so");
        if (Files.exists(lib)) {
            return lib;
        }
        Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/tools/profiler/async-profiler",
                PROFILER_VERSION, "async-profiler-" + PROFILER_VERSION + ".jar");
        if (!Files.exists(jar)) {
            lab.exec(List.of(lab.root.resolve("mvnw").toString(), "-B", "-q", "dependency:get",
                    "-Dartifact=tools.profiler:async-profiler:" + PROFILER_VERSION), true);
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("linux-x64/libasyncProfiler.so"))) {
            Files.createDirectories(lib.getParent());
            Files.copy(in, lib);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lib;
    }

    // ------------------------------------------------------------------------------------------------------

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the values a line each. */
    static void writeLines(Path file, Iterable<String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach(v -> out.append(v).append('\n'));
        write(file, out.toString());
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void gzip(Path file) {
        Path gz = Path.of(file + ".gz");
        try (InputStream in = Files.newInputStream(file);
                GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

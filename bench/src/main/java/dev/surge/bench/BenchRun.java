package dev.surge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code run SCENARIO}: a whole benchmark run once {@code scripts/bench} has built the runners and started the
 * bench's Redis. Writes the report to {@code bench/reports/<time>-<scenario>/}, points {@code latest} at it,
 * and exits 1 when an invariant broke, a request was answered 5xx or GET /v1/me answered wrongly.
 */
final class BenchRun {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private BenchRun() {
    }

    static int main(String[] args) throws IOException {
        String scenario = args.length > 0 ? args[0] : "raffle";
        Path root = Bench.root();
        Settings settings = Settings.fromEnvironment(System.getenv());
        Lab lab = new Lab(root, settings);
        String loadBefore = loadAverage();
        long started = System.currentTimeMillis();
        Instant now = Instant.now();
        Path report = root.resolve("bench/reports/" + STAMP.format(now) + "-" + scenario);
        Files.createDirectories(report.resolve("raw"));
        Run run = new Run(report);
        try {
            switch (scenario) {
                case "smoke" -> new RaffleScenario(lab, run, true).run();
                case "raffle" -> new RaffleScenario(lab, run, false).run();
                case "eligibility" -> new EligibilityScenario(lab, run).run();
                case "redpacket" -> new RedPacketScenario(lab, run).run();
                case "shake" -> new ShakeScenario(lab, run).run();
                case "qr" -> new QrScenario(lab, run).run();
                case "burst" -> new BurstScenario(lab, run).run();
                case "cluster" -> new ClusterScenario(lab, run).run();
                case "all" -> {
                    new RaffleScenario(lab, run, false).run();
                    new EligibilityScenario(lab, run).run();
                    new RedPacketScenario(lab, run).run();
                    new ShakeScenario(lab, run).run();
                    new QrScenario(lab, run).run();
                }
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } finally {
            lab.stopFunctions();
        }
        Path summary = report.resolve("summary.md");
        if (!scenario.equals("burst") && !scenario.equals("cluster")) {
            String files = run.scenarios.stream()
                    .map(sc -> report.resolve("figures-" + sc + ".properties").toString())
                    .collect(Collectors.joining(","));
            Load.write(summary, lab.tool("summary", "--figures", files));
        }
        StringBuilder out = new StringBuilder("# Surge benchmark: " + scenario + ", " + TITLE.format(now) + "\n\n");
        if (scenario.equals("burst")) {
            out.append("Crowds at once on freshly started functions, closed-loop with bench's burst client (`Burst`).\n")
                    .append("Functions: JVM runners (`")
                    .append(settings.javaOpts())
                    .append("`); Redis and MariaDB local.\n");
        } else {
            out.append("""
                    Every figure comes with baselines measured in the same run on the same machine: the function's
                    no-op `GET /v1/ping`; the authenticated no-op `GET /v1/me`, sent as the scenario's own crowd of
                    users, which costs exactly the identity check; and raw Redis running the function's own Lua script.
                    Closed-loop figures are wrk at maximum throughput; open-loop figures are sent at a fixed rate with
                    latency measured from the moment each request was due. Functions: JVM runners
                    """).append("(`").append(settings.javaOpts()).append("`); Redis and MariaDB local.\n");
        }
        out.append('\n');
        if (Files.exists(summary)) {
            out.append("## Summary\n\n").append(Load.read(summary)).append('\n');
        }
        for (String sc : run.scenarios) {
            out.append(Load.read(report.resolve(sc + ".md")));
        }
        out.append("## Machine\n\n").append(machine(lab, loadBefore));
        Load.write(report.resolve("report.md"), out.toString());
        Path latest = root.resolve("bench/reports/latest");
        Files.deleteIfExists(latest);
        Files.createSymbolicLink(latest, report);
        if (Files.exists(summary)) {
            System.out.print(Load.read(summary));
        }
        Lab.say("report: " + root.relativize(report) + "/report.md (" + (System.currentTimeMillis() - started) / 1000
                + " s)");
        if (settings.publish()) {
            Publish.publish(root, report);
        }
        if (run.failed()) {
            Lab.say("FAILED: an invariant is broken, a request was answered 5xx or GET /v1/me answered wrongly; see "
                    + root.relativize(report) + "/report.md");
            return 1;
        }
        Lab.say("all invariants hold");
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String machine(Lab lab, String loadBefore) {
        List<String> lines = new ArrayList<>();
        lines.add("```");
        lines.add("nproc: " + Runtime.getRuntime().availableProcessors());
        lines.addAll(lab.exec(List.of("free", "-h"), false).lines().limit(2).toList());
        lines.add("load before the run: " + loadBefore);
        lines.add("load after the run:  " + loadAverage());
        String head = lab.exec(List.of("git", "-C", lab.root.toString(), "rev-parse", "--short", "HEAD"), false).strip();
        boolean dirty = !lab.exec(List.of("git", "-C", lab.root.toString(), "status", "--porcelain", "--", "shared",
                "functions"), false).isBlank();
        lines.add("code: " + head + (dirty ? " with uncommitted changes in shared/ or functions/" : ""));
        try {
            Files.readAllLines(Path.of("/proc/cpuinfo"))
                    .stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .ifPresent(l -> lines.add(l.substring(l.indexOf(':') + 1).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.add(lab.exec(List.of("sh", "-c", "'" + Lab.java() + "' -version 2>&1 | head -n 1"), false).strip());
        lines.add(String.join(" ", List.of(lab.exec(List.of("redis-server", "--version"), false).strip().split(" "))
                .subList(0, 3)));
        lines.add(lab.exec(List.of("mariadb", "--version"), false).strip());
        lines.add("```");
        return String.join("\n", lines) + "\n";
    }
}

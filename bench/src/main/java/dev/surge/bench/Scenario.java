package dev.surge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every scenario does around its own seeding and checks: fresh data and functions, the measured phases
 * against both baselines, the common figures, and its part of the report ({@code <scenario>.md}).
 */
abstract class Scenario {

    final Lab lab;
    final Run run;
    final Load load;
    final String name;
    Figures figures;
    Invariants invariants;
    Admin admin;
    Crowd crowd;
    /** The open-loop rate of the scenario: half its closed-loop rate unless BENCH_RATE says otherwise. */
    long rate;

    Scenario(Lab lab, Run run, String name) {
        this.lab = lab;
        this.run = run;
        this.name = name;
        this.load = new Load(lab, run.raw);
    }

    abstract void run();

    Path raw(String file) {
        return run.raw.resolve(file);
    }

    Map<String, String> summary(String phase) {
        return load.summary(phase);
    }

    static String fixed(double value, int digits) {
        return Figures.fixed(value, digits);
    }

    static double number(String text) {
        return Figures.number(text);
    }

    /** Appends to the scenario's part of the report. */
    void write(String text) {
        try {
            Files.writeString(run.report.resolve(name + ".md"), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fresh Redis data and database, the admin function, then the scenario's functions. */
    void begin(String... functions) {
        lab.stopFunctions();
        lab.redis("flushall");
        lab.freshDatabase();
        figures = new Figures(run.report.resolve("figures-" + name + ".properties"));
        invariants = new Invariants(raw(name + "-invariants.md"), run);
        load.hotTag = null;
        Load.write(run.report.resolve(name + ".md"), "");
        // The admin function migrates the schema as it starts; the others refuse to start on a schema older than
        // they need, so they start once it is ready.
        Map<String, String> env = lab.functionEnvironment();
        lab.start("admin", env);
        for (String function : functions) {
            lab.start(function, env);
        }
        admin = new Admin(lab, lab.operatorToken());
        run.scenarios.add(name);
    }

    void check(String what, boolean ok, String detail) {
        invariants.check(what, ok, detail);
    }

    void noFiveXx(String function) {
        Path file = raw("final-" + function + ".prom");
        load.scrape(function, file);
        double n = Prom.sum(file, "http_server_requests_seconds_count", "status=\"5[0-9][0-9]\"");
        check("no 5xx answered by " + function, n == 0, fixed(n, 0) + " answers 5xx of "
                + fixed(Prom.sum(file, "http_server_requests_seconds_count"), 0));
    }

    // ------------------------------------------------------------------------------------------------------
    // The phases every scenario measures

    /**
     * A warm-up, the baselines (the no-op ping; GET /v1/me as the scenario's crowd, where the runner has it) and
     * the scenario's request closed-loop, then the ping and the request open-loop at half the closed-loop rate,
     * and last a short open-loop phase at that rate in which the scenario's Redis round trips are counted.
     */
    void phases(String function, int seconds, int warm, Supplier<Request> request) {
        Request first = request.get();
        // Requests without a token of their own (QR scans) are set against the scenario's pool of users.
        Request me = Request.me(first.tokens() != null ? first.tokens() : crowd.tokens, first.repeat());
        boolean hasMe = meProbe(function, me.tokens());
        int baselineWarmup = baselineWarmup();
        Lab.say(name + ": warming up the JVM (" + baselineWarmup + "s each: ping" + (hasMe ? " me" : "") + "; " + warm
                + "s: requests)");
        load.closed(name + "-warm-ping", function, baselineWarmup, Request.PING, true);
        if (hasMe) {
            load.closed(name + "-warm-me", function, baselineWarmup, me, true);
        }
        load.closed(name + "-warm", function, warm, request.get(), true);
        load.closed(name + "-ping-closed", function, seconds, Request.PING, false);
        if (hasMe) {
            load.closed(name + "-me-closed", function, seconds, me, false);
        }
        Request measured = request.get();
        load.profileStart(function);
        Map<String, String> closed = load.closed(name + "-closed", function, seconds, measured, false);
        load.profileStop(function, name + "-closed");
        rate = lab.settings.rate() != null ? lab.settings.rate() : Math.round(number(closed.get("rps")) / 2);
        rate = Math.max(rate, 50);
        load.open(name + "-ping-open", function, seconds, rate, Request.PING, false, false);
        load.open(name + "-open", function, seconds, rate, request.get(), false, false);
        load.open(name + "-count", function, load.countSeconds, rate, request.get(), true, false);
    }

    /** Seconds of warm-up on each baseline's path: 8 unless BENCH_BASELINE_WARMUP says otherwise. */
    int baselineWarmup() {
        return lab.settings.baselineWarmup(8);
    }

    /**
     * Asks GET /v1/me once as the first user of the pool; true when the answer is 200 and names that user. A
     * runner answering 404 has no /v1/me yet: the report says so and the run goes on. Any other answer is a
     * broken baseline: the report says so too, and the run fails.
     */
    boolean meProbe(String function, Path tokens) {
        String[] first = Load.lines(tokens).get(0).split(" ", 2);
        Admin.Answer answer = admin.send(function, "GET", "/v1/me", null, null, first[1], null,
                java.time.Duration.ofSeconds(10));
        Load.write(raw(name + "-me-probe.json"), answer.body());
        figures.put("me_status", answer.status() == 0 ? "000" : answer.status());
        String who = answer.json().path("userId").asText("");
        if (answer.status() == 200 && who.equals(first[0])) {
            return true;
        } else if (answer.status() == 404) {
            figures.put("me_note", "no /v1/me on this runner (GET /v1/me answered 404)");
            Lab.say(name + ": no /v1/me on the " + function + " runner (404); its ratios to /v1/me are left out");
        } else {
            String naming = who.isEmpty() ? "" : " naming " + who;
            figures.put("me_note", "GET /v1/me answered " + answer.status() + naming + " to a valid token of " + first[0]);
            Lab.say(name + ": GET /v1/me on " + function + " answered " + answer.status() + naming
                    + " to a valid token of " + first[0] + "; not measured");
            run.fail();
        }
        return false;
    }

    /** Throughput, latency, ratios, Redis calls, fallbacks and RSS of the scenario. */
    void commonFigures(String function) {
        Map<String, String> closed = summary(name + "-closed");
        Map<String, String> ping = summary(name + "-ping-closed");
        Map<String, String> open = summary(name + "-open");
        Map<String, String> count = summary(name + "-count");
        double rps = number(closed.get("rps"));
        double pingRps = number(ping.get("rps"));
        figures.put("scenario", name);
        figures.put("function", function);
        figures.put("connections", lab.settings.connections());
        figures.put("ping_rps", ping.get("rps"));
        figures.put("rps", closed.get("rps"));
        figures.put("ratio", fixed(rps / pingRps, 3));
        if (Files.exists(raw(name + "-me-closed.summary"))) {
            Map<String, String> me = summary(name + "-me-closed");
            double meRps = number(me.get("rps"));
            figures.put("me_rps", me.get("rps"));
            figures.put("me_ratio", fixed(rps / meRps, 3));
            figures.put("me_to_ping", fixed(meRps / pingRps, 3));
            figures.put("me_non_2xx", me.get("non_2xx_3xx"));
        }
        figures.put("p50_ms", closed.get("p50_ms"));
        figures.put("p99_ms", closed.get("p99_ms"));
        figures.put("p999_ms", closed.get("p999_ms"));
        figures.put("open_rate", rate);
        figures.put("open_p50_ms", open.get("p50_ms"));
        figures.put("open_p99_ms", open.get("p99_ms"));
        figures.put("open_p999_ms", open.get("p999_ms"));
        figures.put("open_mean_ms", open.get("mean_ms"));
        figures.put("ping_open_p99_ms", summary(name + "-ping-open").get("p99_ms"));
        figures.put("redis_roundtrips_per_request",
                fixed(number(count.get("redis_roundtrips")) / number(count.get("requests")), 3));
        figures.put("redis_reads_per_request", fixed(number(open.get("redis_reads")) / number(open.get("requests")), 3));
        figures.put("redis_commands_per_request",
                fixed(number(closed.get("redis_commands")) / number(closed.get("requests")), 3));
        figures.put("fallbacks", fixed(Prom.delta(raw(name + "-ping-closed.before.prom"), raw(name + "-open.after.prom"),
                "surge_fallbacks_total", null), 0));
        figures.put("client_5xx", open.get("status_5xx"));
        figures.put("rss_mb", fixed(load.rssKb(function) / 1024.0, 0));
        figures.put("rss_peak_mb", fixed(load.peakRssKb(function) / 1024.0, 0));
    }

    // ------------------------------------------------------------------------------------------------------
    // The report

    /**
     * The scenario's section: its phases against the baselines, its targets, the common figures. Every
     * scenario is user-facing, so each is also held to the targets against GET /v1/me.
     */
    void section(String title, String targetRatio, String p99Limit, String text) {
        figures.put("target_ratio", targetRatio);
        figures.put("target_p99_ms", p99Limit);
        figures.put("target_me_ratio", Settings.ME_TARGET);
        figures.put("target_me_to_ping", Settings.ME_PING_TARGET);
        figures.put("invariants", invariants.held());
        StringBuilder out = new StringBuilder();
        out.append("## ").append(title).append("\n\n").append(text).append("\n\n");
        out.append("| phase | tool | req/s | ratio to ping | ratio to /v1/me | p50 ms | p99 ms | p99.9 ms | max ms | "
                + "function CPU µs / request | Redis CPU µs / request |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append(phaseRow("ping, closed-loop (baseline)", name + "-ping-closed", null, null));
        if (Files.exists(raw(name + "-me-closed.summary"))) {
            out.append(phaseRow("GET /v1/me as the scenario's users, closed-loop (baseline)", name + "-me-closed",
                    name + "-ping-closed", null));
        } else {
            out.append("| GET /v1/me as the scenario's users, closed-loop (baseline) | — | ")
                    .append(figures.get("me_note"))
                    .append(" | — | — | | | | | | |\n");
        }
        out.append(phaseRow(name + ", closed-loop", name + "-closed", name + "-ping-closed", name + "-me-closed"));
        out.append(phaseRow("ping, open-loop at " + rate + "/s", name + "-ping-open", null, null));
        out.append(phaseRow(name + ", open-loop at " + rate + "/s", name + "-open", null, null));
        out.append(phaseRow("raw Redis: EVALSHA of the function's script", name + "-redis", null, null));
        out.append('\n').append(lab.tool("targets", "--figures", figures.file().toString())).append('\n');
        out.append("| figure | value |\n|---|---|\n");
        if (!figures.get("me_rps").isEmpty()) {
            out.append("| GET /v1/me answers other than 2xx or 3xx (closed-loop; all should be 200) | ")
                    .append(figures.get("me_non_2xx"))
                    .append(" |\n");
        }
        out.append("| Redis round trips per request (MONITOR: commands clients send, each of a pipeline counted; "
                + "open-loop at " + rate + "/s for " + load.countSeconds + " s) | ")
                .append(figures.get("redis_roundtrips_per_request"))
                .append(" |\n");
        out.append("| Redis socket reads per request, one per pipeline a client sends (INFO stats "
                + "total_reads_processed, open-loop at " + rate + "/s) | ")
                .append(figures.get("redis_reads_per_request"))
                .append(" |\n");
        out.append("| Redis commands per request, counting those inside scripts (INFO commandstats, closed-loop) | ")
                .append(figures.get("redis_commands_per_request"))
                .append(" |\n");
        out.append("| fallbacks (surge_fallbacks_total, over the scenario) | ").append(figures.get("fallbacks")).append(" |\n");
        out.append("| JVM RSS after the run / peak | ")
                .append(figures.get("rss_mb"))
                .append(" MB / ")
                .append(figures.get("rss_peak_mb"))
                .append(" MB |\n");
        write(out.toString());
    }

    /**
     * A phase's figures, with its throughput over each baseline given. Only closed-loop runs have a throughput
     * to compare; open-loop runs send at the rate they are given.
     */
    private String phaseRow(String label, String phase, String pingPhase, String mePhase) {
        Map<String, String> s = summary(phase);
        double rps = number(s.get("rps"));
        return "| " + String.join(" | ", label, s.getOrDefault("tool", ""), fixed(rps, 0), ratioTo(rps, pingPhase),
                ratioTo(rps, mePhase), s.getOrDefault("p50_ms", ""), s.getOrDefault("p99_ms", ""),
                s.getOrDefault("p999_ms", ""), s.getOrDefault("max_ms", ""), perRequest(s, "fn_cpu_s"),
                perRequest(s, "redis_cpu_s")) + " |\n";
    }

    /** CPU µs per request from a closed-loop phase's CPU seconds; empty where not measured. */
    private static String perRequest(Map<String, String> s, String key) {
        String cpu = s.get(key);
        String requests = s.get("requests");
        if (cpu == null || cpu.isEmpty() || requests == null || requests.isEmpty() || number(requests) == 0) {
            return "";
        }
        return fixed(number(cpu) * 1_000_000 / number(requests), 1);
    }

    private String ratioTo(double rps, String phase) {
        if (phase == null || !Files.exists(raw(phase + ".summary"))) {
            return "—";
        }
        return fixed(rps / number(summary(phase).get("rps")), 2);
    }

    /** The answers of the closed-loop phase by outcome. */
    String outcomes(String metric) {
        try {
            SortedMap<String, Double> before = Prom.byOutcome(raw(name + "-closed.before.prom"), metric);
            SortedMap<String, Double> after = Prom.byOutcome(raw(name + "-closed.after.prom"), metric);
            StringBuilder out = new StringBuilder("\nAnswers in the closed-loop phase:\n\n| outcome | count |\n|---|---:|\n");
            after.forEach((outcome, count) -> out.append("| ")
                    .append(outcome)
                    .append(" | ")
                    .append(fixed(count - before.getOrDefault(outcome, 0.0), 0))
                    .append(" |\n"));
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The invariants, the round trips, the timeouts advised, the profile and the plots. */
    void finishSection(String function) {
        StringBuilder out = new StringBuilder();
        out.append("\nInvariants:\n\n").append(invariants.table()).append('\n');
        out.append("Redis round trips by command (MONITOR, open-loop at ").append(rate).append("/s):\n\n");
        out.append(Load.read(raw(name + "-count.redis.md"))).append('\n');
        out.append("Timeouts of ")
                .append(function)
                .append(": recommended (p99.9 + mean of the calls during the run) and configured:\n\n");
        out.append(advise(function, raw(name + "-ping-closed.before.prom"), raw(name + "-open.after.prom")));
        if (Files.exists(raw(name + "-closed.profile.md"))) {
            out.append("\nProfile of ").append(function).append(" in the closed-loop phase (async-profiler samples):\n\n");
            out.append(Load.read(raw(name + "-closed.profile.md")));
        }
        out.append("\n![throughput](").append(name).append("-throughput.png)\n");
        out.append("![latency over time](").append(name).append("-latency-over-time.png)\n");
        out.append("![latency percentiles](").append(name).append("-percentiles.png)\n\n");
        write(out.toString());
        List<String> curves = new java.util.ArrayList<>(
                List.of(name + "-ping-open", name + "-open", name + "-closed", name + "-ping-closed"));
        if (Files.exists(raw(name + "-me-closed.hgrm"))) {
            curves.add(name + "-me-closed");
        }
        Plots.draw(lab, run.report, name, List.of(name + "-ping-open", name + "-open"), curves);
    }

    private String advise(String function, Path before, Path after) {
        String config = lab.root.resolve("shared/src/main/resources/META-INF/microprofile-config.properties") + ","
                + lab.root.resolve(Lab.MODULES.get(function) + "/src/main/resources/application.properties");
        String sources = lab.root.resolve("shared/src/main/java") + ","
                + lab.root.resolve(Lab.MODULES.get(function) + "/src/main/java");
        return lab.tool("advise", "--before", before.toString(), "--after", after.toString(), "--profile", "local",
                "--min-calls", "1", "--config", config, "--sources", sources);
    }

    // ------------------------------------------------------------------------------------------------------
    // Seeding shared by the raffle, the burst and the cluster

    /** A seeded raffle: its campaign, its prizes and their initial stock. */
    record Raffle(long campaign, List<Long> prizes, Map<Long, Long> initial) {
    }

    /** A prize as the admin API takes it. */
    record PrizeSpec(String name, int weight, long stock) {
    }

    /**
     * A raffle of the given prizes, {@code intercept} of draws intercepted, the no-prize outcome weighing
     * {@code noPrizeWeight}, at most 3 draws a user, a channel rule and a block-list (every 500th user).
     */
    Raffle seedRaffle(List<PrizeSpec> specs, double intercept, int noPrizeWeight, int buckets) {
        long campaign = admin.createCampaign("Flash raffle (bench)", 10, "{\"total\":3,\"perDay\":3}",
                "[{\"kind\":\"channel\",\"params\":{\"anyOf\":[\"app\",\"mini-program\"]}},"
                        + "{\"kind\":\"block-list\",\"params\":{\"list\":\"fraud\"}}]");
        admin.call("PUT", "/admin/v1/campaigns/" + campaign + "/raffle", "{\"interceptRatio\":" + intercept
                + ",\"noPrizeWeight\":" + noPrizeWeight + ",\"stockBuckets\":" + buckets + "}");
        List<Long> prizes = new java.util.ArrayList<>();
        Map<Long, Long> initial = new java.util.LinkedHashMap<>();
        long units = 0;
        for (PrizeSpec spec : specs) {
            JsonNode prize = admin.call("POST", "/admin/v1/campaigns/" + campaign + "/prizes", "{\"name\":\""
                    + spec.name() + "\",\"weight\":" + spec.weight() + ",\"stock\":" + spec.stock() + "}");
            prizes.add(prize.path("id").asLong());
            initial.put(prize.path("id").asLong(), spec.stock());
            units += spec.stock();
        }
        admin.uploadList(campaign, "fraud", crowd.every(500));
        admin.online(campaign);
        Lab.say("raffle campaign " + campaign + " online: prizes " + prizes + " with " + units + " units, "
                + fixed(intercept * 100, 0) + "% intercepted");
        // The draw function re-reads the catalog every second.
        String probe = crowd.user(1)[1];
        int[] last = {0};
        boolean seen = Lab.await(40, 250, () -> {
            last[0] = admin.send("draw", "POST", "/v1/campaigns/" + campaign + "/draws", "{\"channel\":\"app\"}",
                    "application/json", probe, new String[]{"Idempotency-Key", "probe-" + System.nanoTime()},
                    java.time.Duration.ofSeconds(10)).status();
            return last[0] == 200;
        });
        if (!seen) {
            throw Lab.die("the draw function does not see campaign " + campaign + " (last answer " + last[0] + ")");
        }
        return new Raffle(campaign, prizes, initial);
    }

    Request drawRequest(long campaign) {
        return new Request("POST", "/v1/campaigns/" + campaign + "/draws", null, "{\"channel\":\"app\"}", crowd.tokens,
                null, true, 0.1);
    }

    /** Waits up to 30 s for the sweeper to settle the campaign's pending draws. */
    void settleDraws(long campaign) {
        Lab.await(60, 500, () -> lab.redisNumber("zcard", Lab.KEY_PREFIX + ":{c:" + campaign + "}:pending") == 0);
    }
}

package dev.surge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A crowd at once on a freshly started function: for the draw and the red packets, at each connection count,
 * the function started fresh on fresh data, seeded, and at once the crowd on it closed-loop; then the invariants.
 * The summary table comes first in the report.
 */
final class BurstScenario extends Scenario {

    private static final String REAL_DRAW = "won,lost,sold-out,limited,pending,not-this-time,ineligible";

    /** Each run's invariants held, by its scenario name. */
    private final Map<String, String> held = new LinkedHashMap<>();

    BurstScenario(Lab lab, Run run) {
        super(lab, run, "burst");
    }

    @Override
    void run() {
        int seconds = lab.settings.duration(20);
        Crowd pool = Crowd.of(lab, lab.settings.users(1000));
        for (String function : List.of("draw", "redpacket")) {
            for (int connections : lab.settings.burstConnections()) {
                Crowd shared = pool;
                new Scenario(lab, run, "burst-" + function + "-" + connections) {

                    @Override
                    void run() {
                        crowd = shared;
                        burst(this, function, connections, seconds);
                    }
                }.run();
            }
        }
        summary();
    }

    private void burst(Scenario s, String function, int connections, int seconds) {
        Path out = s.raw(s.name);
        s.begin(function);
        List<String> args = new ArrayList<>();
        Raffle raffle = null;
        if (function.equals("draw")) {
            raffle = s.seedRaffle(List.of(new PrizeSpec("Voucher", 100, 50)), 0, 400, 1);
            args.addAll(List.of("--path", "/v1/campaigns/" + raffle.campaign() + "/draws", "--body", "{\"channel\":\"app\"}",
                    "--record", "won", "--real", REAL_DRAW));
        } else {
            args.addAll(List.of("--path", "/v1/red-packets/" + seedPacket(s) + "/grab", "--real", "grabbed,empty",
                    "--record", "grabbed"));
        }
        long age = Long.parseLong(lab.exec(List.of("ps", "-o", "etimes=", "-p", Long.toString(lab.pid(function))), true)
                .strip());
        s.figures.put("runner_age_s", age);
        Lab.say(s.name + ": the " + function + " runner started " + age + " s ago; " + connections
                + " connections at once for " + seconds + " s");
        List<String> command = new ArrayList<>(List.of("burst", "--port", Integer.toString(lab.port(function)), "--tokens",
                s.crowd.tokens.toString(), "--idempotency", "--repeat", "0.1", "--duration", Integer.toString(seconds),
                "--connections", Integer.toString(connections), "--out", out.toString()));
        command.addAll(args);
        lab.toolShown(command.toArray(String[]::new));
        Map<String, String> summary = Figures.read(Path.of(out + ".summary"));
        Lab.say(s.name + ": " + summary.get("requests") + " answers, " + summary.get("real_pct") + "% real ("
                + summary.get("first10_real_pct") + "% in the first 10 s), p99 " + summary.get("p99_ms") + " ms");
        Lab.say(s.name + ": waiting for the function to settle, then checking the invariants");
        List<String[]> recorded = Load.lines(Path.of(out + ".recorded.txt")).stream().map(l -> l.split(" ")).toList();
        if (raffle != null) {
            s.settleDraws(raffle.campaign());
            long grants = RaffleChecks.verify(s, raffle);
            TreeSet<String> won = new TreeSet<>();
            recorded.stream().filter(f -> f[0].equals("won")).forEach(f -> won.add(f[1] + ":" + f[2]));
            Load.writeLines(Path.of(out + ".won.txt"), won);
            TreeSet<String> granted = new TreeSet<>(Load.lines(s.raw("won-mysql.txt")));
            long only = won.stream().filter(k -> !granted.contains(k)).count();
            s.check("every draw answered 'won' is a grant in MySQL", only == 0, won.size() + " draws answered won, "
                    + grants + " grants; " + only + " answered won without a grant");
            for (String f : List.of("reconcile.json", "draw-records.txt", "draw-outcomes.txt", "won-redis.txt",
                    "won-mysql.txt", "final-draw.prom")) {
                move(s.raw(f), Path.of(out + "." + f));
            }
        } else {
            PacketChecks.settle(s);
            long taken = PacketChecks.verify(s);
            long users = recorded.stream().filter(f -> f[0].equals("grabbed")).map(f -> f[1]).distinct().count();
            s.check("as many users were answered 'grabbed' as shares were taken (MySQL)", users == taken,
                    users + " users answered grabbed, " + taken + " shares taken");
            s.figures.put("shares_taken", taken);
        }
        s.noFiveXx("admin");
        held.put(s.name, s.invariants.held());
        section(s, function, connections, out);
    }

    /**
     * One red packet of 100 shares and 100,003 cents, sent by a user outside the crowd; a send answered 503 is
     * sent again with the same Idempotency-Key, as the answer asks. Its id.
     */
    private String seedPacket(Scenario s) {
        String sender = lab.tool("tokens", "--key", lab.root.resolve("config/dev-keys/private.pem").toString(),
                "--subject", "bench-sender", "--ttl", "7200").strip();
        String key = "burst-" + System.nanoTime();
        Admin.Answer[] answer = {null};
        boolean sent = Lab.await(20, 500, () -> {
            answer[0] = s.admin.send("redpacket", "POST", "/v1/red-packets",
                    "{\"amountCents\":100003,\"count\":100,\"mode\":\"random\",\"greeting\":\"Happy New Year\"}",
                    "application/json", sender, new String[]{"Idempotency-Key", key}, Duration.ofSeconds(10));
            return answer[0].status() == 200 || answer[0].status() == 201;
        });
        Load.write(s.raw(s.name + "-packet.json"), answer[0].body());
        if (!sent) {
            throw Lab.die("sending the red packet failed (last answer " + answer[0].status() + "): " + answer[0].body());
        }
        String id = answer[0].json().path("id").asText();
        Lab.say("red packet " + id + " sent: 100 shares, 100003 cents");
        return id;
    }

    /** A row of the whole run (prefix empty) or of its first 10 s ({@code first10_}). */
    private static String row(String label, Map<String, String> f, String p) {
        return "| " + String.join(" | ", label, f.get(p + "requests"), f.get(p + "real_pct"), f.get(p + "try_later"),
                f.get(p + "status_429"), f.get(p + "status_503"), f.get(p + "status_5xx"), f.get(p + "other"),
                f.get(p + "p99_ms"), f.get(p + "breakers_opened"), f.get(p + "fallbacks")) + " |";
    }

    private void section(Scenario s, String function, int connections, Path out) {
        Map<String, String> summary = Figures.read(Path.of(out + ".summary"));
        StringBuilder o = new StringBuilder();
        o.append("## Burst: ")
                .append(function)
                .append(", ")
                .append(connections)
                .append(" connections on a freshly started runner\n\n");
        if (function.equals("draw")) {
            o.append("A raffle of one prize (stock 50, weight 100 against 400 for no prize), no interception, at most 3 "
                    + "draws a\nuser, a channel rule and a block-list (every 500th user of the pool).\n");
        } else {
            o.append("One red packet of 100 random shares and 100,003 cents, grabbed; a user grabbing again gets the same "
                    + "share.\n");
        }
        o.append("The runner was started ")
                .append(s.figures.get("runner_age_s"))
                .append(" s before the load (it answered ready on `/q/health/ready`, then\nwas seeded through the admin "
                        + "API), then ")
                .append(connections)
                .append(" connections sent closed-loop for ")
                .append(summary.get("duration_s"))
                .append(" s\nas ")
                .append(summary.get("users"))
                .append(" distinct signed users, each request a fresh Idempotency-Key, 10% of them the\nconnection's "
                        + "previous request again (same user, same key). Real outcomes: a 2xx answer whose outcome is\n");
        o.append(function.equals("draw")
                ? "won, lost, sold-out, limited, pending, not-this-time or ineligible.\n"
                : "grabbed (a share, or the share taken before) or empty.\n");
        o.append("Per second, by the moment the answer arrived; breakers and fallbacks from `/q/metrics` scraped each "
                + "second\n(`ft_circuitbreaker_state_current`, `_opened_total`, `_state_total_seconds`, `_calls_total`;\n"
                + "`surge_fallbacks_total` by reason; - where a scrape did not answer within the second).\n\n");
        o.append("| second | answered | real % | try-later | 429 | 503 | other 5xx | other | p99 ms | breakers open / "
                + "half-open | opened so far | breaker-seconds open | calls refused by open breakers | fallbacks by cause "
                + "| open breakers |\n");
        o.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        List<String> series = Load.lines(Path.of(out + ".series.csv"));
        for (String line : series.subList(Math.min(1, series.size()), series.size())) {
            String[] f = line.split(",", -1);
            boolean none = f[1].equals("0");
            o.append("| ")
                    .append(String.join(" | ", f[0], f[1], none ? "—" : f[3], f[4], f[5], f[6], f[7], f[8],
                            none ? "—" : f[11], f[12] + " / " + f[13], f[14], f[15], f[16], f[17].isEmpty() ? "—" : f[17],
                            f.length < 19 || f[18].isEmpty() ? "—" : f[18]))
                    .append(" |\n");
        }
        o.append("\n| span | requests | real % | try-later | 429 | 503 | other 5xx | other | p99 ms | breakers opened | "
                + "fallbacks by cause |\n");
        o.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        o.append(row("whole run", summary, "")).append('\n');
        o.append(row("first 10 s", summary, "first10_")).append("\n\n");
        List<String> outcomes = new ArrayList<>();
        summary.forEach((k, v) -> {
            if (k.startsWith("outcome_")) {
                outcomes.add(k.substring("outcome_".length()) + " " + v);
            }
        });
        o.append("Answers by outcome: ").append(String.join(", ", outcomes)).append(";\n");
        o.append("I/O errors ")
                .append(summary.get("io_errors"))
                .append("; answers after the end (not counted) ")
                .append(summary.get("late"))
                .append(".\n\n");
        o.append("Invariants:\n\n").append(s.invariants.table()).append('\n');
        s.write(o.toString());
    }

    /** The summary table, first in the report. */
    private void summary() {
        StringBuilder o = new StringBuilder("## Burst: summary\n\n");
        o.append("Each function started fresh and at once a crowd on it, closed-loop (sections below). Real outcomes are\n"
                + "the answers that tell the user what happened; the rest are try-later, 429, 503 and other 5xx.\n\n");
        o.append("| function | connections | span | requests | real % | try-later | 429 | 503 | other 5xx | other | "
                + "p99 ms | breakers opened | fallbacks by cause | invariants |\n");
        o.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (String function : List.of("draw", "redpacket")) {
            for (int c : lab.settings.burstConnections()) {
                String sc = "burst-" + function + "-" + c;
                Map<String, String> f = Figures.read(raw(sc + ".summary"));
                o.append(row(function + " | " + c + " | whole run", f, "")).append(' ').append(held.get(sc)).append(" |\n");
                o.append(row(function + " | " + c + " | first 10 s", f, "first10_")).append(" |\n");
            }
        }
        o.append('\n');
        Load.write(run.report.resolve("burst.md"), o.toString());
        run.scenarios.add(0, "burst");
    }

    private static void move(Path from, Path to) {
        try {
            if (Files.exists(from)) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

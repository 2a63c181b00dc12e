package dev.surge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.testing.ledger.PrizeBooks;

/**
 * The raffle's draw on the local Redis Cluster (scripts/services cluster: 3 masters, a replica each), its stock in
 * 1 and then in 3 buckets: draws/s, Redis CPU and script calls per master and per draw, and the invariants.
 */
final class ClusterScenario extends Scenario {

    private static final List<Integer> NODES = List.of(7101, 7102, 7103, 7104, 7105, 7106);

    ClusterScenario(Lab lab, Run run) {
        super(lab, run, "cluster");
    }

    @Override
    void run() {
        int seconds = lab.settings.duration(20);
        int warm = lab.settings.warmup(20);
        crowd = Crowd.of(lab, lab.settings.users(20000));
        run.scenarios.add(name);
        List<Figures> runs = new ArrayList<>();
        List<Invariants> checks = new ArrayList<>();
        for (int buckets : List.of(1, 3)) {
            bucketed(buckets, seconds, warm);
            runs.add(figures);
            checks.add(invariants);
        }
        StringBuilder o = new StringBuilder("## Raffle on a Redis Cluster: one bucket against three\n\n");
        o.append("One draw function and the admin function in cluster mode on the local Redis Cluster (3 masters, a\n"
                + "replica each, one machine); a raffle with no interception (every draw runs the draw script) and one\n"
                + "win in 401 draws, its stock in 1 and then 3 buckets. ")
                .append(lab.settings.connections())
                .append(" connections, closed-loop, ")
                .append(seconds)
                .append(" s after\n")
                .append(warm)
                .append(" s of warm-up. Redis CPU is the master's own (INFO CPU) over the measured phase, as a share of "
                        + "one core.\n\n");
        o.append("| stock buckets | draws/s | p99 ms | script calls per draw | master (slot range) | CPU share | script "
                + "calls per draw | µs CPU per script call |\n");
        o.append("|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (Figures f : runs) {
            for (int i = 0; i < 3; i++) {
                o.append(i == 0
                        ? "| " + f.get("buckets") + " | " + f.get("rps") + " | " + f.get("p99_ms") + " | "
                                + f.get("scripts_per_draw") + " "
                        : "| | | | ");
                o.append("| ")
                        .append(f.get("master" + i + "_port"))
                        .append(" (")
                        .append(i + 1)
                        .append(" of 3) | ")
                        .append(f.get("master" + i + "_cpu_share"))
                        .append(" | ")
                        .append(f.get("master" + i + "_scripts_per_draw"))
                        .append(" | ")
                        .append(f.get("master" + i + "_us_per_script"))
                        .append(" |\n");
            }
        }
        o.append("\n### Invariants\n\n").append(checks.get(0).table());
        String second = checks.get(1).table();
        o.append(second.substring(Invariants.HEADER.length())).append('\n');
        Load.write(run.report.resolve(name + ".md"), o.toString());
        System.out.print(o);
    }

    /** The cluster's masters' ports, lowest slot range first. */
    private List<Integer> masters() {
        TreeMap<Long, Integer> bySlot = new TreeMap<>();
        // CLUSTER SHARDS as redis-cli prints it: "slots", its ranges, then each node's fields a line each.
        List<String> lines = lab.redisAt(NODES.get(0), "cluster", "shards").lines().map(String::strip).toList();
        long slot = -1;
        Integer port = null;
        for (int i = 0; i + 1 < lines.size(); i++) {
            switch (lines.get(i)) {
                case "slots" -> slot = Long.parseLong(lines.get(i + 1));
                case "port" -> port = Integer.valueOf(lines.get(i + 1));
                case "role" -> {
                    if (lines.get(i + 1).equals("master") && port != null) {
                        bySlot.put(slot, port);
                    }
                }
                default -> {
                }
            }
        }
        return new ArrayList<>(bySlot.values());
    }

    private double nodeCpu(int port) {
        return Lab.info(lab.redisAt(port, "info", "cpu"), "used_cpu_user", "used_cpu_sys");
    }

    private long nodeCalls(int port, String command) {
        for (String line : lab.redisAt(port, "info", "commandstats").lines().toList()) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    /** One raffle with its stock in {@code buckets} buckets: closed-loop draws, per-master figures, invariants. */
    private void bucketed(int buckets, int seconds, int warm) {
        String sc = "cluster-" + buckets;
        List<Integer> masters = masters();
        if (masters.size() != 3) {
            throw Lab.die("the cluster has " + masters.size() + " masters, not 3");
        }
        lab.stopFunctions();
        for (int m : masters) {
            lab.redisAt(m, "flushall");
        }
        lab.freshDatabase();
        figures = new Figures(run.report.resolve("figures-" + sc + ".properties"));
        invariants = new Invariants(raw(sc + "-invariants.md"), run);
        Map<String, String> env = lab.functionEnvironment();
        env.put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        env.put("QUARKUS_REDIS_HOSTS", String.join(",", NODES.stream().map(p -> "redis://" + Lab.HOST + ":" + p).toList()));
        lab.start("admin", env);
        lab.start("draw", env);
        admin = new Admin(lab, lab.operatorToken());
        // Every draw reaches the script (no interception); one in 401 wins, so Redis, not MySQL, is what is measured.
        Raffle raffle = seedRaffle(List.of(new PrizeSpec("Voucher", 1, 100000)), 0, 400, buckets);
        Request draw = drawRequest(raffle.campaign());
        load.closed(sc + "-warm", "draw", warm, draw, true);
        double[] cpuBefore = new double[3];
        long[] callsBefore = new long[3];
        for (int i = 0; i < 3; i++) {
            cpuBefore[i] = nodeCpu(masters.get(i));
            callsBefore[i] = nodeCalls(masters.get(i), "evalsha");
        }
        Map<String, String> s = load.closed(sc, "draw", seconds, draw, false);
        double requests = number(s.get("requests"));
        figures.put("buckets", buckets);
        figures.put("rps", s.get("rps"));
        figures.put("p99_ms", s.get("p99_ms"));
        figures.put("requests", s.get("requests"));
        long totalCalls = 0;
        for (int i = 0; i < 3; i++) {
            double cpu = Double.parseDouble(fixed(nodeCpu(masters.get(i)) - cpuBefore[i], 3));
            long calls = nodeCalls(masters.get(i), "evalsha") - callsBefore[i];
            totalCalls += calls;
            figures.put("master" + i + "_port", masters.get(i));
            figures.put("master" + i + "_cpu_share", fixed(cpu / seconds, 3));
            figures.put("master" + i + "_scripts_per_draw", fixed(calls / requests, 4));
            figures.put("master" + i + "_us_per_script", fixed(calls > 0 ? cpu * 1_000_000 / calls : 0, 1));
        }
        figures.put("scripts_per_draw", fixed(totalCalls / requests, 4));
        lab.stopFunctions();
        // The invariants, on MySQL and (through the admin function's reconcile, which reads every bucket) Redis.
        lab.start("admin", env);
        long id = raffle.prizes().get(0);
        long initial = raffle.initial().get(id);
        Lab.sleep(4000);
        PrizeBooks books = new PrizeBooks(lab.database);
        long stock = books.stock(id);
        long granted = books.granted(id);
        check(sc + ": MySQL stock + grants = initial stock", stock + granted == initial,
                stock + " left + " + granted + " granted, " + initial + " at the start");
        long dup = books.duplicateGrants(raffle.campaign());
        check(sc + ": no request granted twice", dup == 0, dup + " (user, key) pairs with more than one row");
        JsonNode reconcile = admin.call("POST", "/admin/v1/campaigns/" + raffle.campaign() + "/reconcile", null);
        Load.write(raw(sc + "-reconcile.json"), reconcile.toString());
        int drifted = 0;
        List<String> prizes = new ArrayList<>();
        for (JsonNode prize : reconcile.path("prizes")) {
            drifted += prize.path("drift").asLong() != 0 ? 1 : 0;
            prizes.add("{\"mysqlStock\":" + prize.path("mysqlStock") + ",\"redisStock\":" + prize.path("redisStock")
                    + ",\"pending\":" + prize.path("pending") + ",\"drift\":" + prize.path("drift") + "}");
        }
        check(sc + ": Redis stock over all buckets reconciles with MySQL", drifted == 0, "[" + String.join(",", prizes) + "]");
        figures.put("grants", granted);
        lab.stopFunctions();
    }
}

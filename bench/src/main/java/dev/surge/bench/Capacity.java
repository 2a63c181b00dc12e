package dev.surge.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The capacity model: from the figures one instance reached in a measured run, what a target peak needs —
 * function instances (or Lambda concurrency), Redis shards, MySQL writes per second — and whether one
 * campaign's hash tag (a single Redis shard) can carry its share or its hot keys need bucketing.
 *
 * <pre>
 * capacity --figures report/figures.properties --peak 1000000 --winners 10000 [--headroom 0.5]
 * </pre>
 *
 * Figures read: {@code function_rps} (closed-loop req/s of one instance), {@code function_mean_ms} (mean
 * latency below saturation), {@code redis_roundtrips_per_request}, {@code redis_script_rps} (one Redis core
 * running the function's script), {@code hot_tag_roundtrips_per_request} (Redis round trips a request makes on
 * one campaign's hash tag, which a cluster keeps on one shard), {@code mysql_writes_per_win},
 * {@code instance_cores}.
 */
final class Capacity {

    private Capacity() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = Bench.options(args);
        Properties f = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(Bench.required(o, "figures")))) {
            f.load(r);
        }
        double peak = Double.parseDouble(o.getOrDefault("peak", "1000000"));
        double winners = Double.parseDouble(o.getOrDefault("winners", "10000"));
        double headroom = Double.parseDouble(o.getOrDefault("headroom", "0.5"));
        double rps = number(f, "function_rps");
        double meanMs = number(f, "function_mean_ms");
        double roundTrips = number(f, "redis_roundtrips_per_request");
        double scriptRps = number(f, "redis_script_rps");
        double scriptShare = number(f, "hot_tag_roundtrips_per_request");
        double writesPerWin = number(f, "mysql_writes_per_win");
        double cores = number(f, "instance_cores");

        double instances = Math.ceil(peak / (rps * headroom));
        double concurrency = Math.ceil(peak * meanMs / 1000);
        double redisOps = peak * roundTrips;
        double shards = Math.max(1, Math.ceil(redisOps / (scriptRps * headroom)));
        double campaignOps = peak * scriptShare;
        double buckets = Math.ceil(campaignOps / (scriptRps * headroom));
        double writes = winners * writesPerWin;

        System.out.printf(Locale.ROOT, "Target: %,.0f requests/s at the peak, %,.0f winners/s; every resource kept at "
                + "%.0f%% of what was measured.%n%n", peak, winners, headroom * 100);
        System.out.printf(Locale.ROOT, "| resource | measured per unit | needed at the peak |%n|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| function instances (JVM, %.0f cores) | %,.0f req/s each | %,.0f instances |%n",
                cores, rps, instances);
        System.out.printf(Locale.ROOT, "| Lambda concurrency (one request per environment) | mean %.2f ms a request "
                + "| %,.0f concurrent environments (peak x mean) |%n", meanMs, concurrency);
        System.out.printf(Locale.ROOT, "| Redis round trips | %.3f a request | %,.0f commands/s |%n", roundTrips,
                redisOps);
        System.out.printf(Locale.ROOT, "| Redis shards | %,.0f script runs/s on one core | %,.0f shards |%n", scriptRps,
                shards);
        System.out.printf(Locale.ROOT, "| one campaign's hash tag | %.3f round trips a request | %,.0f calls/s on one shard "
                + "|%n", scriptShare, campaignOps);
        System.out.printf(Locale.ROOT, "| MySQL writes | %.1f statements a winner (one transaction) | %,.0f writes/s, "
                + "%,.0f transactions/s |%n%n", writesPerWin, writes, winners);
        if (buckets > 1) {
            System.out.printf(Locale.ROOT, "Hot keys: one campaign's load on its hash tag (%,.0f/s) exceeds what one "
                    + "shard carries at this headroom (%,.0f/s). Split the campaign's hot keys (prize stock, admission "
                    + "counter, list memberships) into at least %.0f buckets, each under its own hash tag (e.g. "
                    + "{c:42:b7}), and route a user to a bucket by a hash of the user id; reads that do not change "
                    + "(lists) can also be cached in the function or checked after the interception.%n", campaignOps,
                    scriptRps * headroom, buckets);
        } else {
            System.out.printf(Locale.ROOT, "Hot keys: one campaign's load on its hash tag (%,.0f/s) fits on one shard "
                    + "(%,.0f/s at this headroom); no bucketing needed.%n", campaignOps, scriptRps * headroom);
        }
    }

    private static double number(Properties f, String key) {
        String value = f.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the figures lack " + key);
        }
        return Double.parseDouble(value.trim());
    }
}

package dev.surge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line entry of the benchmark: a whole run of a scenario ({@code run}), publishing a report, and the
 * tools a run uses in JVMs of their own: token pools, the open-loop load generator, the closed-loop burst client,
 * Prometheus text queries, the timeout advisor, the capacity model, and the scenarios' targets against their
 * baselines.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        try {
            command(args[0], Arrays.copyOfRange(args, 1, args.length));
        } catch (Lab.Failure e) {
            System.exit(1);
        }
    }

    private static void command(String name, String[] rest) throws Exception {
        switch (name) {
            case "tokens" -> TokenMint.main(rest);
            case "open-loop" -> OpenLoop.main(rest);
            case "burst" -> Burst.main(rest);
            case "prom" -> Prom.main(rest);
            case "advise" -> TimeoutAdvisor.main(rest);
            case "capacity" -> Capacity.main(rest);
            case "targets" -> Targets.lines(rest);
            case "summary" -> Targets.summary(rest);
            case "run" -> System.exit(BenchRun.main(rest));
            case "publish" -> Publish.publish(root(), rest.length > 0
                    ? Path.of(rest[0])
                    : root().resolve("bench/reports/latest"));
            case "capacity-latest" -> capacityOfLatest(rest);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    /** The checkout the bench runs in (scripts/bench passes it). */
    static Path root() {
        return Path.of(System.getProperty("surge.root", ".")).toAbsolutePath().normalize();
    }

    /** The capacity model on the latest raffle figures unless {@code --figures} names others. */
    private static void capacityOfLatest(String[] args) throws IOException {
        List<String> list = new ArrayList<>(List.of(args));
        if (!list.contains("--figures")) {
            Path figures = root().resolve("bench/reports/latest/figures-raffle.properties");
            if (!Files.exists(figures)) {
                throw Lab.die("no raffle figures at " + figures + ": run scripts/bench raffle (or smoke) first");
            }
            list.addAll(List.of("--figures", figures.toString()));
        }
        Capacity.main(list.toArray(String[]::new));
    }

    private static void usage() {
        System.err.println(
                "usage: bench run|publish|capacity-latest|tokens|open-loop|burst|prom|advise|capacity|targets|summary "
                        + "[--option value ...]");
    }

    /** Parses {@code --name value} pairs; a trailing flag without a value is "true". */
    static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                out.put(name, args[++i]);
            } else {
                out.put(name, "true");
            }
        }
        return out;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}

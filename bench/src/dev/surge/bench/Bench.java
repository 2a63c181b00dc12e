package dev.surge.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line entry of the benchmark tools: token pools, the open-loop load generator, the closed-loop burst
 * client, Prometheus text queries, the timeout advisor, the capacity model, and the scenarios' targets against
 * their baselines.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "tokens" -> TokenMint.main(rest);
            case "open-loop" -> OpenLoop.main(rest);
            case "burst" -> Burst.main(rest);
            case "prom" -> Prom.main(rest);
            case "advise" -> TimeoutAdvisor.main(rest);
            case "capacity" -> Capacity.main(rest);
            case "targets" -> Targets.lines(rest);
            case "summary" -> Targets.summary(rest);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println(
                "usage: bench tokens|open-loop|burst|prom|advise|capacity|targets|summary [--option value ...]");
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

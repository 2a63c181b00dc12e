package dev.surge.bench;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A collapsed CPU profile (a line a stack, root first, and its sample count): the hottest methods by their own
 * samples and by samples anywhere on the stack.
 */
record Profile(long samples, Map<String, Long> self, Map<String, Long> total) {

    /** The frames worth seeing on the stack: Surge, the Redis client, JWT, JSON, fault tolerance, GC, HTTP. */
    private static final Pattern WATCHED = Pattern.compile(
            "dev[./]surge|smallrye[./]jwt|jose4j|redis|jackson|faulttolerance|Signature|RSA|GC|resteasy|vertx[./]core[./]http|netty");

    static Profile read(Path collapsed) {
        long samples = 0;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        for (String line : Load.lines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            samples += n;
            self.merge(frames[frames.length - 1], n, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                if (seen.add(frame)) {
                    total.merge(frame, n, Long::sum);
                }
            }
        }
        return new Profile(samples, self, total);
    }

    String markdown() {
        StringBuilder out = new StringBuilder("| own samples | % | method |\n|---:|---:|---|\n");
        rows(out, self, 25, false);
        out.append("\n| samples on the stack | % | method (Surge, Redis client, JWT, JSON, fault tolerance, GC) |\n")
                .append("|---:|---:|---|\n");
        rows(out, total, 40, true);
        return out.toString();
    }

    private void rows(StringBuilder out, Map<String, Long> counts, int limit, boolean watchedOnly) {
        double all = samples == 0 ? 1 : samples;
        counts.entrySet()
                .stream()
                .filter(e -> !watchedOnly || WATCHED.matcher(e.getKey()).find())
                .sorted(Map.Entry.<String, Long>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .limit(limit)
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %d | %.1f | `%s` |%n", e.getValue(),
                        100 * e.getValue() / all, e.getKey())));
    }
}

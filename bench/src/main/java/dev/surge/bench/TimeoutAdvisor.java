package dev.surge.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recommends each {@code @Timeout} call site's timeout as its p99.9 latency plus its mean, from the latency
 * buckets the function recorded during a run ({@code ft_timeout_executionDuration_seconds}, the difference of
 * two scrapes), next to the timeout configured today.
 *
 * <pre>
 * advise --before metrics-before.txt --after metrics-after.txt --config a.properties,b.properties
 *        [--profile local] [--sources dir,dir] [--min-calls 100]
 * </pre>
 */
final class TimeoutAdvisor {

    private static final String METRIC = "ft_timeout_executionDuration_seconds";
    /** The guarded Redis sites (DependencyGuards) time their calls here, by site and how the call ended. */
    private static final String GUARDED = "surge_dependency_calls_seconds";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private TimeoutAdvisor() {
    }

    /** Latency distribution of one call site over the run. */
    record Site(String method, TreeMap<Double, Double> buckets, double count, double sum, double timedOut) {

        double mean() {
            return count == 0 ? 0 : sum / count;
        }

        /** Linear interpolation within the bucket holding the quantile; infinite when past the last bound. */
        double quantile(double q) {
            double target = q * count;
            double previousBound = 0;
            double previousCount = 0;
            for (Map.Entry<Double, Double> e : buckets.entrySet()) {
                if (e.getValue() >= target) {
                    if (e.getKey().isInfinite()) {
                        return Double.POSITIVE_INFINITY;
                    }
                    double inBucket = e.getValue() - previousCount;
                    double fraction = inBucket <= 0 ? 1 : (target - previousCount) / inBucket;
                    return previousBound + (e.getKey() - previousBound) * fraction;
                }
                previousBound = e.getKey();
                previousCount = e.getValue();
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = Bench.options(args);
        List<Prom.Sample> before = o.containsKey("before") ? Prom.read(Path.of(o.get("before"))) : List.of();
        List<Prom.Sample> after = Prom.read(Path.of(Bench.required(o, "after")));
        String profile = o.getOrDefault("profile", "local");
        Properties config = new Properties();
        for (String file : o.getOrDefault("config", "").split(",")) {
            if (!file.isBlank() && Files.exists(Path.of(file))) {
                try (Reader r = Files.newBufferedReader(Path.of(file))) {
                    config.load(r);
                }
            }
        }
        List<Path> sources = new ArrayList<>();
        for (String dir : o.getOrDefault("sources", "").split(",")) {
            if (!dir.isBlank()) {
                sources.add(Path.of(dir));
            }
        }
        double minCalls = Double.parseDouble(o.getOrDefault("min-calls", "1"));
        Map<String, Site> sites = sites(after, before);
        System.out.printf(Locale.ROOT, "| call site | calls | timed out | mean ms | p99 ms | p99.9 ms | recommended ms "
                + "(p99.9 + mean) | configured ms |%n|---|---:|---:|---:|---:|---:|---:|---:|%n");
        for (Site s : sites.values()) {
            if (s.count() < minCalls) {
                continue;
            }
            if (s.buckets().isEmpty()) {
                System.out.printf(Locale.ROOT, "| `%s` | %.0f | %.0f | %.2f | no buckets | no buckets | — | %s |%n",
                        shortName(s.method()), s.count(), s.timedOut(), s.mean() * 1000,
                        configured(s.method(), config, profile, sources));
                continue;
            }
            double mean = s.mean() * 1000;
            double p99 = s.quantile(0.99) * 1000;
            double p999 = s.quantile(0.999) * 1000;
            String recommended = Double.isInfinite(p999) ? "> last bucket" : Long.toString((long) Math.ceil(p999 + mean));
            System.out.printf(Locale.ROOT, "| `%s` | %.0f | %.0f | %.2f | %s | %s | %s | %s |%n", shortName(s.method()),
                    s.count(), s.timedOut(), mean, fmt(p99), fmt(p999), recommended,
                    configured(s.method(), config, profile, sources));
        }
    }

    private static String fmt(double ms) {
        return Double.isInfinite(ms) ? "> last bucket" : String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String shortName(String method) {
        return method.replaceFirst("^dev\\.surge\\.", "");
    }

    static Map<String, Site> sites(List<Prom.Sample> after, List<Prom.Sample> before) {
        Map<String, Site> out = new TreeMap<>();
        for (Prom.Sample s : after) {
            if (s.name().startsWith(GUARDED)) {
                guarded(out, s, s.value() - previous(before, s));
                continue;
            }
            String method = s.labels().get("method");
            if (method == null || !s.name().startsWith(METRIC) && !s.name().equals("ft_timeout_calls_total")) {
                continue;
            }
            Site site = out.computeIfAbsent(method, m -> new Site(m, new TreeMap<>(), 0, 0, 0));
            double delta = s.value() - previous(before, s);
            switch (s.name()) {
                case METRIC + "_bucket" -> site.buckets()
                        .merge(Double.parseDouble(s.labels()
                                .get("le")
                                .replace("+Inf", "Infinity")), delta, Double::sum);
                case METRIC + "_count" -> out.put(method, new Site(method, site.buckets(), site.count() + delta,
                        site.sum(), site.timedOut()));
                case METRIC + "_sum" -> out.put(method, new Site(method, site.buckets(), site.count(),
                        site.sum() + delta, site.timedOut()));
                case "ft_timeout_calls_total" -> {
                    if ("true".equals(s.labels().get("timedOut"))) {
                        out.put(method, new Site(method, site.buckets(), site.count(), site.sum(),
                                site.timedOut() + delta));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    /** Adds one sample of a guarded site: every ending counts as a call; timed-out and lagged ones as timed out. */
    private static void guarded(Map<String, Site> out, Prom.Sample s, double delta) {
        String method = s.labels().get("site");
        if (method == null) {
            return;
        }
        Site site = out.computeIfAbsent(method, m -> new Site(m, new TreeMap<>(), 0, 0, 0));
        String ending = s.labels().getOrDefault("ending", "");
        boolean late = ending.equals("timed-out") || ending.equals("lagged");
        switch (s.name().substring(GUARDED.length())) {
            case "_bucket" -> site.buckets()
                    .merge(Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity")),
                            delta, Double::sum);
            case "_count" -> out.put(method, new Site(method, site.buckets(), site.count() + delta, site.sum(),
                    site.timedOut() + (late ? delta : 0)));
            case "_sum" -> out.put(method, new Site(method, site.buckets(), site.count(), site.sum() + delta,
                    site.timedOut()));
            default -> {
            }
        }
    }

    private static double previous(List<Prom.Sample> before, Prom.Sample s) {
        for (Prom.Sample b : before) {
            if (b.name().equals(s.name()) && b.labels().equals(s.labels())) {
                return b.value();
            }
        }
        return 0;
    }

    /**
     * The configured timeout of a method: its method-level property, then its class-level one, then the global
     * value (which the guarded sites also take), then an explicit annotation value.
     */
    static String configured(String method, Properties config, String profile, List<Path> sources) {
        int dot = method.lastIndexOf('.');
        String type = method.substring(0, dot);
        String name = method.substring(dot + 1);
        for (String id : List.of("\"" + type + "/" + name + "\"", "\"" + type + "\"", "global")) {
            String key = "quarkus.fault-tolerance." + id + ".timeout.value";
            String value = lookup(config, profile, key);
            if (value != null) {
                return resolve(value, config, profile, 0) + " (" + id.replace("\"", "") + ")";
            }
        }
        String annotated = annotation(type, name, sources);
        return annotated == null ? "1000 (@Timeout default)" : annotated + " (@Timeout)";
    }

    private static String lookup(Properties config, String profile, String key) {
        String value = config.getProperty("%" + profile + "." + key);
        return value != null ? value : config.getProperty(key);
    }

    private static String resolve(String value, Properties config, String profile, int depth) {
        if (depth > 10) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String found = lookup(config, profile, m.group(1));
            if (found == null) {
                String env = System.getenv(m.group(1).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
                found = env != null ? env : m.group(2) != null ? m.group(2) : m.group();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(resolve(found, config, profile, depth + 1)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The value of an explicit {@code @Timeout(n)} on the method (or its class) in the sources, if any. */
    private static String annotation(String type, String method, List<Path> sources) {
        String file = type.replace('.', '/') + ".java";
        for (Path root : sources) {
            Path path = root.resolve(file);
            if (!Files.exists(path)) {
                continue;
            }
            try {
                String text = Files.readString(path);
                Matcher m = Pattern.compile("@Timeout\\((?:value\\s*=\\s*)?(\\d+)[^)]*\\)(?:\\s*@\\w+(?:\\([^)]*\\))?)*"
                        + "\\s*public[^(]*\\b" + Pattern.quote(method) + "\\(").matcher(text);
                if (m.find()) {
                    return m.group(1);
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

}

package dev.surge.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A scenario's figures held against its targets and its two baselines measured in the same run: the function's
 * no-op {@code GET /v1/ping}, and the authenticated no-op {@code GET /v1/me} sent as the scenario's own crowd of
 * users, which costs exactly the identity check. Both print markdown.
 *
 * <pre>
 * targets --figures figures-raffle.properties                    the scenario's target lines
 * summary --figures figures-raffle.properties,figures-qr.properties   a row a scenario
 * </pre>
 *
 * Figures read: {@code scenario}, {@code function}, {@code connections}, {@code rps}, {@code ping_rps},
 * {@code ratio} (rps / ping), {@code p99_ms}, {@code target_ratio}, {@code target_p99_ms} (empty: none),
 * {@code invariants}; {@code me_rps}, {@code me_ratio} (rps / me) and {@code me_to_ping} (me / ping) when
 * {@code /v1/me} was measured, {@code me_note} (why not) otherwise; {@code target_me_ratio} and
 * {@code target_me_to_ping} (absent: no such target).
 */
final class Targets {

    /** UTF-8 whatever the locale: the tables use ≥ and ÷. */
    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    private Targets() {
    }

    /** {@code targets}: one paragraph a target. */
    static void lines(String[] args) throws IOException {
        Scenario s = Scenario.read(Path.of(Bench.required(Bench.options(args), "figures")));
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Target: %s >= %s x ping%s. **%s** (ratio %s, p99 %s ms at %s connections).",
                s.name(), s.get("target_ratio"), s.p99Limit().isEmpty() ? "" : " and p99 <= " + s.p99Limit() + " ms",
                s.pingVerdict(), s.get("ratio"), s.get("p99_ms"), s.get("connections")));
        if (s.has("target_me_ratio")) {
            out.add("Target: " + s.name() + " >= " + s.get("target_me_ratio") + " x /v1/me. "
                    + s.meVerdict("me_ratio", "target_me_ratio"));
        }
        if (s.has("target_me_to_ping")) {
            out.add("Target: /v1/me >= " + s.get("target_me_to_ping") + " x ping. "
                    + s.meVerdict("me_to_ping", "target_me_to_ping"));
        }
        OUT.println(String.join("\n\n", out));
    }

    /** {@code summary}: the scenarios side by side, each against both baselines. */
    static void summary(String[] args) throws IOException {
        OUT.println("| scenario (function) | req/s | ping req/s | ratio to ping (target) | /v1/me req/s "
                + "| ratio to /v1/me (target) | /v1/me ÷ ping (target) | p99 ms | invariants |");
        OUT.println("|---|---:|---:|---|---:|---|---|---:|---|");
        for (String file : Bench.required(Bench.options(args), "figures").split(",")) {
            Scenario s = Scenario.read(Path.of(file));
            String pingTarget = "≥ " + s.get("target_ratio") + (s.p99Limit().isEmpty()
                    ? ""
                    : ", p99 ≤ " + s.p99Limit()
                            + " ms");
            OUT.printf(Locale.ROOT, "| %s (%s) | %.0f | %.0f | %s (%s) %s | %s | %s | %s | %s | %s |%n", s.name(),
                    s.get("function"), s.number("rps"), s.number("ping_rps"), s.get("ratio"), pingTarget,
                    s.pingVerdict(), s.meMeasured()
                            ? String.format(Locale.ROOT, "%.0f", s.number("me_rps"))
                            : s.get("me_note"),
                    s.meCell("me_ratio", "target_me_ratio"), s.meCell("me_to_ping", "target_me_to_ping"),
                    s.get("p99_ms"), s.get("invariants"));
        }
    }

    /** One scenario's figures. */
    private record Scenario(Map<Object, Object> figures) {

        static Scenario read(Path file) throws IOException {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
            return new Scenario(p);
        }

        String name() {
            return get("scenario");
        }

        boolean has(String key) {
            return !get(key).isEmpty();
        }

        String get(String key) {
            Object value = figures.get(key);
            return value == null ? "" : value.toString().trim();
        }

        double number(String key) {
            if (!has(key)) {
                throw new IllegalArgumentException("the figures of " + name() + " lack " + key);
            }
            return Double.parseDouble(get(key));
        }

        String p99Limit() {
            return get("target_p99_ms");
        }

        boolean meMeasured() {
            return has("me_rps");
        }

        String pingVerdict() {
            boolean met = number("ratio") >= number("target_ratio")
                    && (p99Limit().isEmpty() || number("p99_ms") <= number("target_p99_ms"));
            return met ? "met" : "missed";
        }

        /** The sentence after a /v1/me target: its verdict, or why there is none. */
        String meVerdict(String ratio, String target) {
            if (!meMeasured()) {
                return "Not measured: " + get("me_note") + ".";
            }
            return "**" + verdict(ratio, target) + "** (ratio " + get(ratio) + ").";
        }

        /** A summary cell of a /v1/me ratio: the ratio, its target and verdict; — when not measured. */
        String meCell(String ratio, String target) {
            if (!meMeasured()) {
                return "—";
            }
            return has(target) ? get(ratio) + " (≥ " + get(target) + ") " + verdict(ratio, target) : get(ratio);
        }

        private String verdict(String ratio, String target) {
            return number(ratio) >= number(target) ? "met" : "missed";
        }
    }
}

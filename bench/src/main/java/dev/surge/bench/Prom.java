package dev.surge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Prometheus text exposition. As a command: {@code prom FILE NAME [label=value | label~regex ...]}
 * prints the sum of the samples of NAME whose labels match (0 when none do).
 */
final class Prom {

    /** One sample: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private Prom() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: prom FILE NAME [label=value|label~regex ...]");
        }
        List<Sample> samples = read(Path.of(args[0]));
        Map<String, String> exact = new LinkedHashMap<>();
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            int tilde = args[i].indexOf('~');
            if (tilde > 0 && (eq < 0 || tilde < eq)) {
                patterns.put(args[i].substring(0, tilde), Pattern.compile(args[i].substring(tilde + 1)));
            } else if (eq > 0) {
                exact.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            } else {
                throw new IllegalArgumentException("bad matcher " + args[i]);
            }
        }
        double sum = 0;
        for (Sample s : samples) {
            if (!s.name().equals(args[1])) {
                continue;
            }
            boolean match = exact.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())))
                    && patterns.entrySet()
                            .stream()
                            .allMatch(e -> s.labels().get(e.getKey()) != null
                                    && e.getValue().matcher(s.labels().get(e.getKey())).matches());
            if (match && !Double.isNaN(s.value())) {
                sum += s.value();
            }
        }
        System.out.println(sum == Math.rint(sum) && Math.abs(sum) < 1e15 ? Long.toString((long) sum) : Double.toString(sum));
    }

    static List<Sample> read(Path file) throws IOException {
        List<Sample> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Sample s = parse(line);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (i < line.length() && line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).trim();
                int j = eq + 2;
                StringBuilder value = new StringBuilder();
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        value.append(n == 'n' ? '\n' : n);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                }
            }
            rest = i + 1;
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = space;
        } else {
            return null;
        }
        String[] parts = line.substring(rest).trim().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return null;
        }
        double value = switch (parts[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(parts[0]);
        };
        return new Sample(name, labels, value);
    }

    /**
     * The sum of the samples of {@code name} in a scrape whose whole line matches {@code lineRegex} somewhere
     * (null: every sample); 0 when the file is missing or holds none.
     */
    static double sum(Path file, String name, String lineRegex) {
        if (!Files.exists(file)) {
            return 0;
        }
        Pattern pattern = lineRegex == null ? null : Pattern.compile(lineRegex);
        double sum = 0;
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                String first = fields[0];
                int brace = first.indexOf('{');
                if (!(brace < 0 ? first : first.substring(0, brace)).equals(name)
                        || pattern != null && !pattern.matcher(line).find()) {
                    continue;
                }
                double value = Double.parseDouble(fields[fields.length - 1]);
                if (!Double.isNaN(value)) {
                    sum += value;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sum;
    }

    static double sum(Path file, String name) {
        return sum(file, name, null);
    }

    /** {@code after - before} of {@link #sum(Path, String, String)}. */
    static double delta(Path before, Path after, String name, String lineRegex) {
        return sum(after, name, lineRegex) - sum(before, name, lineRegex);
    }

    /** The samples of {@code name} summed by their {@code outcome} label, sorted by outcome. */
    static java.util.SortedMap<String, Double> byOutcome(Path file, String name) throws IOException {
        java.util.SortedMap<String, Double> out = new java.util.TreeMap<>();
        for (Sample s : read(file)) {
            if (s.name().equals(name) && !Double.isNaN(s.value())) {
                out.merge(s.labels().getOrDefault("outcome", ""), s.value(), Double::sum);
            }
        }
        return out;
    }
}

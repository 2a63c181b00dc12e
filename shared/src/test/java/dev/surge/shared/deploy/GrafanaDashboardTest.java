package dev.surge.shared.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.surge.shared.testing.Repo;

/**
 * The Grafana dashboard ({@code docs/grafana/surge.json}) queries only metrics the functions record: each
 * {@code surge_*} series, less Prometheus' suffixes, is a meter name the code registers.
 */
class GrafanaDashboardTest {

    private static final Pattern SERIES = Pattern.compile("\\bsurge_[a-z_]+");
    private static final Pattern SUFFIX = Pattern.compile("(_seconds)?(_bucket|_count|_sum|_max|_total)?$");
    private static final Pattern METER_NAME = Pattern.compile("\"(surge\\.[a-z.]+)\"");
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"(surge\\.[a-z.]+)\"");
    private static final Pattern COMPOSED = Pattern.compile("(\\w+) \\+ \"(\\.[a-z.]+)\"");

    @Test
    void everyQueryNamesARecordedMetric() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Repo.file("docs/grafana/surge.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
        assertFalse(expressions.isEmpty());

        Set<String> meters = new TreeSet<>();
        Map<String, String> constants = new HashMap<>();
        for (Path source : sources()) {
            String text = Files.readString(source);
            Matcher m = METER_NAME.matcher(text);
            while (m.find()) {
                meters.add(m.group(1));
            }
            Matcher c = CONSTANT.matcher(text);
            while (c.find()) {
                constants.put(c.group(1), c.group(2));
            }
        }
        // Names made of a constant and a suffix: SurgeMetrics.ELIGIBILITY_DECISIONS + ".campaigns".
        for (Path source : sources()) {
            Matcher m = COMPOSED.matcher(Files.readString(source));
            while (m.find()) {
                if (constants.containsKey(m.group(1))) {
                    meters.add(constants.get(m.group(1)) + m.group(2));
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String expression : expressions) {
            Matcher m = SERIES.matcher(expression);
            while (m.find()) {
                String name = SUFFIX.matcher(m.group()).replaceFirst("").replace('_', '.');
                if (!meters.contains(name)) {
                    unknown.add(m.group() + " (" + name + ")");
                }
            }
        }
        assertEquals(List.of(), unknown, "series no function records");
        assertTrue(dashboard.path("panels").size() > 10);
    }

    private static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : List.of(Repo.file("shared/src/main/java"), Repo.file("functions"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                out.addAll(walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                        .collect(Collectors.toList()));
            }
        }
        return out;
    }
}

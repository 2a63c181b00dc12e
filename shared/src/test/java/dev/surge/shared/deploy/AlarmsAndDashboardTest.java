package dev.surge.shared.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.surge.shared.testing.Repo;
import dev.surge.shared.testing.deploy.Access;
import dev.surge.shared.testing.deploy.Route;
import dev.surge.shared.testing.deploy.SamTemplate;
import dev.surge.shared.testing.deploy.StaticFiles;
import dev.surge.shared.testing.deploy.TerraformConfig;

/**
 * The alarms and the dashboard of both deployment files: the same alarms in {@code template.yaml} and
 * {@code terraform/} (by name, the stack or {@code var.name} prefix aside), the same dashboard body, every metric
 * of namespace {@code Surge} they read is a meter the code registers (its name read from the code's constants and
 * builders, not from a list here), and every user route has its latency alarms.
 */
class AlarmsAndDashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "<name>";
    /** A meter's name as the code states it: a constant of a metrics class, or the argument of a meter builder. */
    private static final Pattern METER_CONSTANT = Pattern.compile("static final String [A-Z_]+ = \"(surge\\.[a-z0-9.]+)\";");
    private static final Pattern METER_BUILDER = Pattern.compile("(?:builder|gauge|counter|timer)\\(\"(surge\\.[a-z0-9.]+)\"");
    /** Metric names in Metrics Insights queries and dashboard searches of namespace Surge. */
    private static final Pattern INSIGHTS = Pattern
            .compile("(?:SUM|AVG|MAX|MIN|COUNT)\\(\"([^\"]+)\"\\) FROM SCHEMA\\(\"Surge\"");
    private static final Pattern SEARCH = Pattern.compile("\\{Surge,[^}]*} MetricName=\"([^\"]+)\"");
    /** What the embedded metric format publishes for a timer besides its percentiles (EmfMeterRegistry). */
    private static final List<String> TIMER_SUFFIXES = List.of(".count", ".sum", ".max");

    private final SamTemplate sam = SamTemplate.load();
    private final TerraformConfig tf = TerraformConfig.load();

    @Test
    void samAndTerraformDeclareTheSameAlarms() {
        Set<String> samAlarms = samAlarmNames();
        Set<String> tfAlarms = terraformAlarmNames();
        assertFalse(samAlarms.isEmpty());
        assertEquals(samAlarms, tfAlarms, "template.yaml and terraform/ alarms differ");
    }

    @Test
    void everyUserRouteHasLatencyAlarmsAndEveryRouteItsErrorRates() {
        Set<String> alarms = samAlarmNames();
        // The operator console's static files are operators' as the admin routes are.
        List<Route> userRoutes = sam.routes()
                .stream()
                .filter(r -> r.access() != Access.ADMIN && !StaticFiles.served(r.function(), r))
                .toList();
        assertTrue(userRoutes.size() >= 10, userRoutes.toString());
        for (Route route : userRoutes) {
            String key = route.method() + " " + route.path();
            assertTrue(alarms.contains(NAME + "-" + key + "-latency-p99"), "no latency alarm for " + key);
            assertTrue(alarms.contains(NAME + "-" + key + "-integration-latency-p99"),
                    "no integration latency alarm for " + key);
        }
        for (String alarm : List.of("route-5xx-rate", "route-4xx-rate", "fallbacks-by-reason", "draw-pending-settled",
                "qr-unrecorded-bindings", "redpacket-unsettled", "qr-pool-low", "events-oldest-age", "events-dead-letters",
                "events-behind")) {
            assertTrue(alarms.contains(NAME + "-" + alarm), "no alarm " + alarm + " in " + alarms);
        }
        for (String function : List.of("eligibility", "draw", "redpacket", "qr", "admin")) {
            assertTrue(alarms.contains(NAME + "-" + function + "-throttles"), "no throttle alarm for " + function);
        }
        String routeRates = String.valueOf(samResource("RouteServerErrorRateAlarm"));
        assertTrue(routeRates.contains("GROUP BY Route") && routeRates.contains("AVG(\"5xx\")"), routeRates);
        String reasons = String.valueOf(samResource("FallbacksByReasonAlarm"));
        assertTrue(reasons.contains("GROUP BY function, reason"), reasons);
    }

    @Test
    void everySurgeMetricReadIsAMeterOfTheCode() {
        Set<String> meters = codeMeters();
        assertTrue(meters.contains("surge.fallbacks") && meters.contains("surge.qr.pool.level"), meters.toString());
        Map<String, List<String>> used = Map.of("template.yaml", samSurgeMetrics(), "terraform/", terraformSurgeMetrics(),
                "dashboard", dashboardSurgeMetrics(terraformDashboard()));
        used.forEach((file, names) -> {
            assertFalse(names.isEmpty(), file + " reads no metric of the functions");
            List<String> unknown = names.stream().filter(n -> !isMeter(n, meters)).toList();
            assertEquals(List.of(), unknown, file + " reads metrics no code registers (meters: " + meters + ")");
        });
    }

    @Test
    void dashboardIsTheSameInBothFilesAndHasTheGrafanaPanels() throws IOException {
        String samBody = String.valueOf(map(map(samResource("SurgeDashboard")).get("Properties")).get("DashboardBody"));
        Object sub = map(map(map(samResource("SurgeDashboard")).get("Properties")).get("DashboardBody")).get("Fn::Sub");
        assertTrue(sub instanceof String, "DashboardBody is one !Sub string: " + samBody);
        JsonNode fromSam = JSON.readTree(((String) sub).replace("${AWS::Region}", "<region>")
                .replace("${HttpApi}", "<api>")
                .replace("${AWS::StackName}", NAME));
        JsonNode fromTerraform = terraformDashboard();
        assertEquals(fromTerraform, fromSam, "template.yaml's dashboard differs from terraform/dashboard.json.tftpl");
        assertFalse(fromSam.toString().contains("${"), "every variable is substituted");

        JsonNode dashboard = tf.resource("aws_cloudwatch_dashboard", "surge");
        assertTrue(dashboard.path("dashboard_body").asText().contains("dashboard.json.tftpl"));

        Set<String> titles = new TreeSet<>();
        fromSam.path("widgets").forEach(w -> titles.add(w.path("properties").path("title").asText()));
        JsonNode grafana = JSON.readTree(Files.readString(Repo.file("docs/grafana/surge.json")));
        for (JsonNode panel : grafana.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                String title = panel.path("title").asText();
                assertTrue(titles.stream().anyMatch(t -> t.startsWith(title)), "the dashboard lacks Grafana's panel " + title);
            }
        }
    }

    private Set<String> samAlarmNames() {
        Set<String> names = new TreeSet<>();
        map(sam.raw().get("Resources")).forEach((name, raw) -> {
            if ("AWS::CloudWatch::Alarm".equals(map(raw).get("Type"))) {
                Object alarmName = map(map(raw).get("Properties")).get("AlarmName");
                Object sub = map(alarmName).get("Fn::Sub");
                assertTrue(sub instanceof String s && s.startsWith("${AWS::StackName}-"),
                        name + " is named after the stack, as terraform names it after var.name: " + alarmName);
                names.add(((String) sub).replace("${AWS::StackName}", NAME));
            }
        });
        return names;
    }

    private Set<String> terraformAlarmNames() {
        Set<String> names = new TreeSet<>();
        tf.blocks("resource").getOrDefault("aws_cloudwatch_metric_alarm", Map.of()).forEach((name, body) -> {
            String pattern = body.path("alarm_name").asText();
            assertTrue(pattern.startsWith("${var.name}-"), name + ": " + pattern);
            pattern = pattern.replace("${var.name}", NAME);
            if (!body.has("for_each")) {
                names.add(pattern);
                return;
            }
            for (String key : forEachKeys(name, body.path("for_each").asText())) {
                names.add(pattern.replace("${each.key}", key));
            }
        });
        return names;
    }

    /** The keys a for_each of the alarms iterates, for the few forms they use; any other form fails the test. */
    private List<String> forEachKeys(String alarm, String forEach) {
        List<String> keys = new ArrayList<>();
        Matcher local = Pattern.compile("^\\$\\{local\\.([a-z_]+)}$").matcher(forEach);
        assertTrue(local.matches(), alarm + ": for_each " + forEach + " is not a local");
        JsonNode value = tf.locals().path(local.group(1));
        if (value.isObject()) {
            value.fieldNames().forEachRemaining(keys::add);
        } else if (value.asText().startsWith("${toset([")) {
            Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(value.asText());
            while (quoted.find()) {
                keys.add(quoted.group(1));
            }
        } else if (value.asText()
                .equals("${{ for key, route in local.routes : key => route if route.access != \"admin\" }}")) {
            tf.routes().stream().filter(r -> r.access() != Access.ADMIN).forEach(r -> keys.add(r.method() + " " + r.path()));
        } else if (value.asText()
                .equals("${{ for key, route in local.routes : key => route if route.access != \"admin\" && !startswith(key, "
                        + "\"GET /console/\") }}")) {
            tf.routes()
                    .stream()
                    .filter(r -> r.access() != Access.ADMIN && !(r.method() + " " + r.path()).startsWith("GET /console/"))
                    .forEach(r -> keys.add(r.method() + " " + r.path()));
        } else {
            throw new AssertionError(alarm + ": cannot expand local." + local.group(1) + " = " + value);
        }
        return keys;
    }

    private List<String> samSurgeMetrics() {
        List<String> names = new ArrayList<>();
        map(sam.raw().get("Resources")).forEach((name, raw) -> {
            if (!"AWS::CloudWatch::Alarm".equals(map(raw).get("Type"))) {
                return;
            }
            Map<String, Object> props = map(map(raw).get("Properties"));
            if ("Surge".equals(props.get("Namespace"))) {
                names.add(String.valueOf(props.get("MetricName")));
            }
            for (Object query : list(props.get("Metrics"))) {
                Map<String, Object> metric = map(map(map(query).get("MetricStat")).get("Metric"));
                if ("Surge".equals(metric.get("Namespace"))) {
                    names.add(String.valueOf(metric.get("MetricName")));
                }
                Object expression = map(query).get("Expression");
                Object text = expression instanceof String s ? s : map(expression).get("Fn::Sub");
                names.addAll(matches(INSIGHTS, String.valueOf(text)));
            }
        });
        return names;
    }

    private List<String> terraformSurgeMetrics() {
        List<String> names = new ArrayList<>();
        tf.blocks("resource").getOrDefault("aws_cloudwatch_metric_alarm", Map.of()).forEach((name, body) -> {
            if ("Surge".equals(body.path("namespace").asText())) {
                names.add(body.path("metric_name").asText());
            }
            for (JsonNode query : body.path("metric_query")) {
                for (JsonNode metric : query.path("metric")) {
                    if ("Surge".equals(metric.path("namespace").asText())) {
                        names.add(metric.path("metric_name").asText());
                    }
                }
                names.addAll(matches(INSIGHTS, query.path("expression").asText()));
            }
        });
        return names;
    }

    private static List<String> dashboardSurgeMetrics(JsonNode dashboard) {
        List<String> names = new ArrayList<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if ("Surge".equals(metric.path(0).asText())) {
                    names.add(metric.path(1).asText());
                }
                for (JsonNode part : metric) {
                    names.addAll(matches(SEARCH, part.path("expression").asText()));
                }
            }
        }
        return names;
    }

    private JsonNode terraformDashboard() {
        try {
            return JSON.readTree(Files.readString(Repo.file("terraform/dashboard.json.tftpl"))
                    .replace("${region}", "<region>")
                    .replace("${api}", "<api>")
                    .replace("${name}", NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The meters the functions register, read from their sources. */
    private static Set<String> codeMeters() {
        Set<String> meters = new TreeSet<>();
        List<Path> roots = new ArrayList<>(List.of(Repo.file("shared/src/main/java")));
        for (String function : List.of("eligibility", "draw", "redpacket", "qr", "admin")) {
            roots.add(Repo.file("functions/" + function + "/src/main/java"));
        }
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    String name = file.getFileName().toString();
                    if (name.endsWith("Metrics.java") || file.toString().contains("/metrics/")) {
                        meters.addAll(matches(METER_CONSTANT, source));
                    }
                    meters.addAll(matches(METER_BUILDER, source));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return meters;
    }

    private static boolean isMeter(String metric, Set<String> meters) {
        return meters.contains(metric) || TIMER_SUFFIXES.stream()
                .anyMatch(suffix -> metric.endsWith(suffix)
                        && meters.contains(metric.substring(0, metric.length() - suffix.length())));
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private Object samResource(String name) {
        return map(sam.raw().get("Resources")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}

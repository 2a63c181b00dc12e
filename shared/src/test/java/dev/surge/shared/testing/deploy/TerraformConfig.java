package dev.surge.shared.testing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.surge.shared.testing.Repo;

/**
 * The Terraform configuration ({@code terraform/}) as HashiCorp's HCL parser reads it (through
 * {@code .ci/deploy-checks/hcl2json.mjs}): its blocks, and the routes and jobs its {@code local.routes} and
 * {@code local.jobs} declare. Expressions stay as the parser gives them ({@code "${var.x}"}).
 */
public final class TerraformConfig {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LIVE_ALIAS = Pattern.compile("aws_lambda_alias\\.live\\[\"([a-z0-9-]+)\"]");
    private static final Pattern RULE = Pattern.compile("aws_cloudwatch_event_rule\\.([a-z0-9_]+)\\.name");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{var\\.([a-z0-9_]+)}");
    private static final Pattern INVOKED_FUNCTION = Pattern.compile("aws_lambda_function\\.function\\[\"([a-z0-9-]+)\"]");

    private final Path dir;
    private final JsonNode files;

    private TerraformConfig(Path dir, JsonNode files) {
        this.dir = dir;
        this.files = files;
    }

    private static TerraformConfig repository;

    /** The repository's configuration, parsed once per test run. */
    public static synchronized TerraformConfig load() {
        if (repository == null) {
            repository = load(Repo.file("terraform"));
        }
        return repository;
    }

    public static TerraformConfig load(Path dir) {
        DeployChecks.Run run = DeployChecks.node("hcl2json.mjs", dir.toAbsolutePath().toString()).orFail();
        try {
            return new TerraformConfig(dir, JSON.readTree(run.out()).path("files"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an HCL file of attributes (a {@code .tfvars} file) into JSON. */
    public static JsonNode parseVariables(Path file) {
        try {
            Path dir = Files.createTempDirectory("tfvars");
            Files.copy(file, dir.resolve("values.tf"));
            JsonNode parsed = load(dir).files.path("values.tf");
            Files.delete(dir.resolve("values.tf"));
            Files.delete(dir);
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode files() {
        return files;
    }

    /** Every block of one kind ({@code resource}, {@code data}), merged over the files: type => name => body. */
    public Map<String, Map<String, JsonNode>> blocks(String kind) {
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        files.forEach(file -> fields(file.path(kind)).forEach((type, byName) -> fields(byName)
                .forEach((name, bodies) -> out.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name, bodies.get(0)))));
        return out;
    }

    /** The body of {@code resource "type" "name"}, or a missing node. */
    public JsonNode resource(String type, String name) {
        JsonNode body = blocks("resource").getOrDefault(type, Map.of()).get(name);
        return body == null ? JSON.missingNode() : body;
    }

    /** Top-level named blocks without a type ({@code variable}, {@code output}): name => body. */
    public Map<String, JsonNode> named(String kind) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        files.forEach(file -> fields(file.path(kind)).forEach((name, bodies) -> out.put(name, bodies.get(0))));
        return out;
    }

    /** All {@code locals} blocks merged. */
    public ObjectNode locals() {
        ObjectNode out = JSON.createObjectNode();
        files.forEach(file -> file.path("locals").forEach(block -> out.setAll((ObjectNode) block)));
        return out;
    }

    public String variableDefault(String name) {
        JsonNode value = named("variable").getOrDefault(name, JSON.missingNode()).path("default");
        return value.isMissingNode() ? null : value.asText();
    }

    /** The routes of {@code local.routes}: route key => function, access and throttling class. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        fields(locals().path("routes")).forEach((key, route) -> {
            String[] parts = key.split(" ", 2);
            routes.add(new Route("terraform local.routes", parts[0], parts[1], route.path("function").asText(),
                    Access.valueOf(route.path("access").asText().toUpperCase())));
        });
        return routes;
    }

    /**
     * The jobs of {@code local.jobs}, each with the event that {@code scheduled-event.json.tftpl} renders for it,
     * the deploy steps ({@code aws_lambda_invocation} of a function with that template), and the schedules of their
     * own ({@code aws_cloudwatch_event_target} of a function's live alias with that template, such as the raffle
     * reconciliation).
     */
    public List<Job> jobs() {
        String scope = variableDefault("admin_scope");
        String schedule = variableDefault("jobs_schedule");
        List<Job> jobs = new ArrayList<>();
        fields(locals().path("jobs")).forEach((name, job) -> {
            String route = job.path("route").asText();
            String[] parts = route.split(" ", 2);
            jobs.add(new Job("terraform local.jobs." + name, job.path("function").asText(), schedule,
                    render(Map.of("method", parts[0], "path", parts[1], "route_key", route, "scope", scope))));
        });
        blocks("resource").getOrDefault("aws_lambda_invocation", Map.of()).forEach((name, body) -> {
            Matcher function = INVOKED_FUNCTION.matcher(body.path("function_name").asText());
            String input = body.path("input").asText();
            if (function.find() && input.contains("scheduled-event.json.tftpl")) {
                jobs.add(new Job("terraform aws_lambda_invocation." + name, function.group(1), Job.DEPLOY,
                        render(Map.of("method", templateValue(input, "method"), "path", templateValue(input, "path"),
                                "route_key", templateValue(input, "route_key"), "scope", scope))));
            }
        });
        Map<String, JsonNode> rules = blocks("resource").getOrDefault("aws_cloudwatch_event_rule", Map.of());
        blocks("resource").getOrDefault("aws_cloudwatch_event_target", Map.of()).forEach((name, body) -> {
            Matcher function = LIVE_ALIAS.matcher(body.path("arn").asText());
            String input = body.path("input").asText();
            if (!body.has("for_each") && function.find() && input.contains("scheduled-event.json.tftpl")) {
                Matcher rule = RULE.matcher(body.path("rule").asText());
                String expression = rule.find() && rules.containsKey(rule.group(1))
                        ? rules.get(rule.group(1)).path("schedule_expression").asText()
                        : "";
                Matcher variable = VARIABLE.matcher(expression);
                jobs.add(new Job("terraform aws_cloudwatch_event_target." + name, function.group(1),
                        variable.matches() ? variableDefault(variable.group(1)) : expression,
                        render(Map.of("method", templateValue(input, "method"), "path", templateValue(input, "path"),
                                "route_key", templateValue(input, "route_key"), "scope", scope))));
            }
        });
        return jobs;
    }

    /** @deprecated the reconciliation no longer names a campaign; use {@link #jobs()}. */
    @Deprecated
    public List<Job> jobs(String ignoredCampaignId) {
        return jobs();
    }

    /** A plain string value given to templatefile() in an expression: {@code name = "value"}. */
    private static String templateValue(String expression, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*\"([^\"]*)\"").matcher(expression);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " given to the event template in " + expression);
        }
        return m.group(1);
    }

    /** Renders the scheduled-event template as Terraform's templatefile() does for plain ${name} references. */
    public String render(Map<String, String> values) {
        try {
            String template = Files.readString(dir.resolve("scheduled-event.json.tftpl")).strip();
            for (Map.Entry<String, String> e : values.entrySet()) {
                template = template.replace("${" + e.getKey() + "}", e.getValue());
            }
            if (template.contains("${")) {
                throw new IllegalStateException("scheduled-event.json.tftpl names a value it is not given: " + template);
            }
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}

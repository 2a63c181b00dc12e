package dev.surge.shared.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.testing.Repo;
import dev.surge.shared.testing.deploy.DeployChecks;
import dev.surge.shared.testing.deploy.Job;
import dev.surge.shared.testing.deploy.TerraformConfig;

/**
 * {@code terraform/} as HashiCorp's HCL parser reads it: the production resources are there, wired as the route
 * map check assumes, and every variable, local and resource an expression names is declared.
 */
class TerraformTest {

    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\w.\\-\"])(var|local|data\\.[a-z0-9_]+|aws_[a-z0-9_]+|random_[a-z0-9_]+)\\.([a-zA-Z0-9_]+)");

    private final TerraformConfig tf = TerraformConfig.load();

    @Test
    void declaresTheProductionResources() {
        Map<String, Map<String, JsonNode>> resources = tf.blocks("resource");
        for (String type : List.of("aws_lambda_function", "aws_lambda_alias", "aws_lambda_provisioned_concurrency_config",
                "aws_iam_role", "aws_iam_role_policy", "aws_cloudwatch_log_group", "aws_apigatewayv2_api",
                "aws_apigatewayv2_authorizer", "aws_apigatewayv2_integration", "aws_apigatewayv2_route",
                "aws_apigatewayv2_stage", "aws_lambda_permission", "aws_cloudwatch_event_rule",
                "aws_cloudwatch_event_target", "aws_vpc", "aws_subnet", "aws_security_group", "aws_nat_gateway",
                "aws_elasticache_replication_group", "aws_elasticache_parameter_group", "aws_rds_cluster",
                "aws_rds_cluster_instance", "aws_secretsmanager_secret", "aws_secretsmanager_secret_version",
                "aws_cloudwatch_metric_alarm", "aws_lambda_invocation")) {
            assertTrue(resources.containsKey(type), "terraform declares no " + type);
        }
        JsonNode lambda = tf.resource("aws_lambda_function", "function");
        assertEquals("${local.functions}", lambda.path("for_each").asText());
        assertEquals("${filebase64sha256(\"${var.build_dir}/functions/${each.key}/target/function.zip\")}",
                lambda.path("source_code_hash").asText());
        assertEquals("provided.al2023", lambda.path("runtime").asText());
        Set<String> functions = new TreeSet<>();
        tf.locals().path("functions").fieldNames().forEachRemaining(functions::add);
        assertEquals(new TreeSet<>(Set.of("eligibility", "draw", "redpacket", "qr", "admin")), functions);
        for (String function : functions) {
            assertTrue(Files.exists(Repo.file("functions/" + function + "/pom.xml")), function + " is a module");
        }

        JsonNode redis = tf.resource("aws_elasticache_replication_group", "redis");
        assertTrue(redis.has("num_node_groups"), "Redis runs in cluster mode (shards)");
        assertEquals("yes", tf.resource("aws_elasticache_parameter_group", "redis")
                .path("parameter")
                .get(0)
                .path("value")
                .asText());
        assertEquals("aurora-mysql", tf.resource("aws_rds_cluster", "mysql").path("engine").asText());
    }

    @Test
    void routesUseTheAuthorizerTheirAccessNames() {
        JsonNode route = tf.resource("aws_apigatewayv2_route", "route");
        assertEquals("${local.routes}", route.path("for_each").asText());
        assertEquals("${each.value.access == \"none\" ? null : aws_apigatewayv2_authorizer.jwt[each.value.access].id}",
                route.path("authorizer_id").asText());
        assertEquals("${each.value.access == \"admin\" ? [var.admin_scope] : null}",
                route.path("authorization_scopes").asText());
        JsonNode authorizers = tf.locals().path("authorizers");
        assertEquals("${var.jwt_audience}", authorizers.path("user").asText());
        assertEquals("${var.admin_jwt_audience}", authorizers.path("admin").asText());
        assertEquals("${local.authorizers}", tf.resource("aws_apigatewayv2_authorizer", "jwt").path("for_each").asText());
        JsonNode stage = tf.resource("aws_apigatewayv2_stage", "default");
        assertEquals("${local.routes}", stage.path("dynamic").path("route_settings").get(0).path("for_each").asText());
        Set<String> classes = new TreeSet<>();
        tf.locals().path("routes").forEach(r -> classes.add(r.path("throttle").asText()));
        JsonNode throttling = tf.named("variable").get("throttling").path("default");
        classes.forEach(c -> assertTrue(throttling.has(c), "no throttling default for class " + c));
    }

    @Test
    void schemaMigrationRunsOnTheAdminVersionBeingDeployedBeforeAnyAliasMoves() {
        JsonNode migration = tf.resource("aws_lambda_invocation", "schema_migration");
        assertEquals("${aws_lambda_function.function[\"admin\"].function_name}", migration.path("function_name").asText());
        assertEquals("${aws_lambda_function.function[\"admin\"].version}", migration.path("qualifier").asText());
        assertEquals("${aws_lambda_function.function[\"admin\"].version}",
                migration.path("triggers").path("admin_version").asText(), "runs again with new admin code");
        String postcondition = migration.path("lifecycle").get(0).path("postcondition").get(0).path("condition").asText();
        assertTrue(postcondition.contains("statusCode") && postcondition.contains("200"),
                "a migration that answers an error fails the apply: " + postcondition);
        assertTrue(tf.jobs()
                .stream()
                .anyMatch(j -> j.function().equals("admin") && Job.DEPLOY.equals(j.schedule())
                        && j.event().contains("\"POST /internal/v1/schema/migrate\"")),
                tf.jobs().toString());

        JsonNode alias = tf.resource("aws_lambda_alias", "live");
        assertEquals("${aws_lambda_function.function}", alias.path("for_each").asText());
        List<String> dependsOn = new ArrayList<>();
        alias.path("depends_on").forEach(d -> dependsOn.add(d.asText()));
        assertTrue(dependsOn.contains("${aws_lambda_invocation.schema_migration}"),
                "the live aliases (draw, redpacket, qr among them) move after the migration: " + dependsOn);
        assertEquals("${aws_lambda_alias.live}",
                tf.resource("aws_apigatewayv2_integration", "function").path("for_each").asText(), "the API calls the aliases");
    }

    @Test
    void everyReferenceIsDeclared() {
        Set<String> variables = tf.named("variable").keySet();
        Set<String> locals = new TreeSet<>();
        tf.locals().fieldNames().forEachRemaining(locals::add);
        Map<String, Map<String, JsonNode>> resources = tf.blocks("resource");
        Map<String, Map<String, JsonNode>> data = tf.blocks("data");
        List<String> problems = new ArrayList<>();
        Matcher m = REFERENCE.matcher(tf.files().toString());
        while (m.find()) {
            String kind = m.group(1);
            String name = m.group(2);
            boolean known = switch (kind) {
                case "var" -> variables.contains(name);
                case "local" -> locals.contains(name);
                default -> kind.startsWith("data.")
                        ? data.getOrDefault(kind.substring(5), Map.of()).containsKey(name)
                        : resources.getOrDefault(kind, Map.of()).containsKey(name);
            };
            if (!known) {
                problems.add(m.group());
            }
        }
        assertEquals(List.of(), problems, "references to undeclared names");
    }

    @Test
    void exampleValuesNameDeclaredVariablesAndCoverTheRequiredOnes() {
        JsonNode example = TerraformConfig.parseVariables(Repo.file("terraform/terraform.tfvars.example"));
        Map<String, JsonNode> variables = tf.named("variable");
        example.fieldNames().forEachRemaining(name -> assertTrue(variables.containsKey(name), "undeclared " + name));
        variables.forEach((name, body) -> {
            if (!body.has("default") && !"wechat_secret".equals(name)) {
                assertTrue(example.has(name), "terraform.tfvars.example lacks the required " + name);
            }
        });
    }

    @Test
    void parserRejectsBrokenHcl(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n");
        DeployChecks.Run run = DeployChecks.node("hcl2json.mjs", dir.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("main.tf"), run.err());
    }
}

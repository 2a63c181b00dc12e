package dev.surge.shared.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.surge.shared.testing.Repo;
import dev.surge.shared.testing.deploy.DeployChecks;
import dev.surge.shared.testing.deploy.Job;
import dev.surge.shared.testing.deploy.SamTemplate;

/**
 * {@code template.yaml} against the CloudFormation and SAM resource specification (npm {@code @aws-cdk/cfnspec},
 * through {@code .ci/deploy-checks/cfn-validate.mjs}), and against what production needs of it.
 */
class SamTemplateTest {

    private static final Set<String> FUNCTIONS = Set.of("eligibility", "draw", "redpacket", "qr", "admin");
    /** The functions that read the MySQL schema at start-up and refuse an older one. */
    static final List<String> HOT_FUNCTIONS_WITH_MYSQL = List.of("draw", "redpacket", "qr");

    @Test
    void templateIsValidAgainstTheResourceSpecification() {
        DeployChecks.Run run = DeployChecks.node("cfn-validate.mjs", Repo.file("template.yaml").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void validatorReportsWhatIsWrong(@TempDir Path dir) throws IOException {
        String broken = Files.readString(Repo.file("template.yaml"))
                .replaceFirst("RetentionInDays: !Ref LogRetentionDays", "RetentionDays: !Ref LogRetentionDays")
                .replaceFirst("Threshold: !Ref QrPoolLowLevel", "Threshold: !Ref QrPoolLowWater")
                .replaceFirst("Type: AWS::Events::Rule", "Type: AWS::Events::Rules")
                .replaceFirst("Authorizer: AdminAuthorizer", "Authorizer: OperatorAuthorizer");
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, broken);
        DeployChecks.Run run = DeployChecks.node("cfn-validate.mjs", file.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.out().contains("RetentionDays is not a property of AWS::Logs::LogGroup"), run.out());
        assertTrue(run.out().contains("Ref to unknown \"QrPoolLowWater\""), run.out());
        assertTrue(run.out().contains("unknown resource type AWS::Events::Rules"), run.out());
        assertTrue(run.out().contains("authorizer OperatorAuthorizer is not defined"), run.out());
    }

    @Test
    void everyFunctionIsDeployedWithItsLogGroupRoleAndConcurrency() {
        SamTemplate sam = SamTemplate.load();
        Map<String, Object> resources = map(sam.raw().get("Resources"));
        Set<String> deployed = new TreeSet<>();
        resources.forEach((name, raw) -> {
            String function = sam.functionOf(name);
            if (function == null) {
                return;
            }
            deployed.add(function);
            Map<String, Object> props = map(map(raw).get("Properties"));
            assertTrue(props.containsKey("Role"), name + " has its own role");
            assertTrue(props.containsKey("ReservedConcurrentExecutions"), name + " has a reserved concurrency parameter");
            String logGroup = name.replace("Function", "LogGroup");
            assertTrue(map(map(resources.get(logGroup)).get("Properties")).containsKey("RetentionInDays"),
                    logGroup + " keeps logs for a set time");
            assertTrue(dependsOn(raw).contains(logGroup), name + " logs to its own group");
        });
        assertEquals(new TreeSet<>(FUNCTIONS), deployed);
        Map<String, Object> globals = map(map(sam.raw().get("Globals")).get("Function"));
        assertEquals("provided.al2023", globals.get("Runtime"));
        assertEquals(List.of("arm64"), globals.get("Architectures"));
        assertEquals("Active", globals.get("Tracing"));
        assertTrue(globals.containsKey("VpcConfig"));
    }

    @Test
    void alarmsCoverErrorsFallbacksLatencyThrottlesAndThePool() {
        Map<String, Object> resources = map(SamTemplate.load().raw().get("Resources"));
        Set<String> alarms = resources.entrySet()
                .stream()
                .filter(e -> "AWS::CloudWatch::Alarm".equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String fn : List.of("Eligibility", "Draw", "RedPacket", "Qr")) {
            for (String kind : List.of("ErrorRateAlarm", "FallbackRateAlarm", "LatencyAlarm", "ThrottleAlarm")) {
                assertTrue(alarms.contains(fn + kind), "missing " + fn + kind + " in " + alarms);
            }
        }
        assertTrue(alarms.contains("AdminErrorRateAlarm"));
        assertTrue(alarms.contains("QrPoolLowAlarm"));
    }

    @Test
    void schemaMigrationRunsOnTheAdminVersionBeingDeployedBeforeTheHotFunctions() {
        SamTemplate sam = SamTemplate.load();
        Map<String, Object> resources = map(sam.raw().get("Resources"));
        Map<String, Object> migration = map(resources.get("SchemaMigration"));
        assertEquals("AWS::CloudFormation::CustomResource", migration.get("Type"));
        Map<String, Object> props = map(migration.get("Properties"));
        // The version's Ref changes with the admin code, so every deploy of new admin code migrates again.
        assertEquals(Map.of("Ref", "AdminFunction.Version"), props.get("FunctionName"));
        assertEquals(Map.of("Fn::GetAtt", List.of("SchemaMigrationRunner", "Arn")), props.get("ServiceToken"));
        String runnerRole = String.valueOf(map(map(resources.get("SchemaMigrationRunner")).get("Properties")).get("Role"));
        assertTrue(runnerRole.contains("SchemaMigrationRole"), runnerRole);
        String invoke = String.valueOf(map(resources.get("SchemaMigrationRole")).get("Properties"));
        assertTrue(invoke.contains("lambda:InvokeFunction") && invoke.contains("AdminFunction"), invoke);
        assertTrue(sam.jobs()
                .stream()
                .anyMatch(j -> j.function().equals("admin") && Job.DEPLOY.equals(j.schedule())
                        && j.event().contains("\"POST /internal/v1/schema/migrate\"")),
                "the custom resource hands the admin function the migration route's event: " + sam.jobs());

        for (String hot : HOT_FUNCTIONS_WITH_MYSQL) {
            String resource = resources.keySet()
                    .stream()
                    .filter(name -> hot.equals(sam.functionOf(name)))
                    .findFirst()
                    .orElseThrow();
            assertTrue(dependsOn(resources.get(resource)).contains("SchemaMigration"),
                    resource + " (and its live alias) waits for the schema migration");
        }
    }

    static List<Object> dependsOn(Object resource) {
        Object value = map(resource).get("DependsOn");
        return value instanceof List<?> l ? List.copyOf(l) : value == null ? List.of() : List.of(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}

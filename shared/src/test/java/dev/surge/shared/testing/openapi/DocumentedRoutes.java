package dev.surge.shared.testing.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.surge.shared.testing.Repo;
import dev.surge.shared.testing.deploy.Job;
import dev.surge.shared.testing.deploy.Route;
import dev.surge.shared.testing.deploy.SamTemplate;
import dev.surge.shared.testing.deploy.TerraformConfig;

/**
 * Holds a function's OpenAPI document against what {@code template.yaml} and {@code terraform/} deploy for it:
 * <ul>
 * <li>every route to the function, and every scheduled job's event for it, is an operation of the document with
 * the same method and path (parameter names aside), secured when the route has an authorizer, demanding the admin
 * role when the route demands the admin scope;</li>
 * <li>every operation of the document is deployed: a route to this function, a route to another function that
 * serves the same endpoint (the shared {@code /v1/ping}, {@code /v1/me}), or a job's event;</li>
 * <li>no route leads to {@code /q/*}: the document, health and metrics stay off the public API.</li>
 * </ul>
 * The routes are read from the deployment files, not listed here, so a route added there (and its resource) is
 * checked without touching this class.
 */
public final class DocumentedRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentedRoutes() {
    }

    /**
     * @param function the module's folder name under {@code functions/}
     * @param routedElsewhere operations ({@code "GET /v1/ping"}) a route to another function serves
     */
    public static List<String> problems(String function, ApiDocument document, Set<String> routedElsewhere) {
        List<String> problems = new ArrayList<>();
        SamTemplate sam = SamTemplate.load(Repo.file("template.yaml"), Map.of("ReconcileCampaignId", "42"));
        TerraformConfig terraform = TerraformConfig.load();
        check("template.yaml", function, document, sam.routes(), sam.jobs(), routedElsewhere, problems);
        check("terraform", function, document, terraform.routes(), terraform.jobs("42"), routedElsewhere, problems);
        return problems;
    }

    private static void check(String source, String function, ApiDocument document, List<Route> routes, List<Job> jobs,
            Set<String> routedElsewhere, List<String> problems) {
        List<String> deployed = new ArrayList<>();
        for (Route route : routes) {
            if (route.path().startsWith("/q/") || route.path().equals("/q")) {
                problems.add(source + ": route " + route + " leads to /q/*, which stays off the public API");
            }
            if (!route.function().equals(function)) {
                if (routedElsewhere.contains(route.method() + " " + route.path())) {
                    deployed.add(route.method() + " " + ApiDocument.Operation.shape(route.path()));
                }
                continue;
            }
            if (dev.surge.shared.testing.deploy.StaticFiles.served(function, route)) {
                continue;
            }
            deployed.add(route.method() + " " + ApiDocument.Operation.shape(route.path()));
            var operation = document.operation(route.method(), route.path());
            if (operation.isEmpty()) {
                problems.add(source + ": route " + route + " is not in the OpenAPI document");
                continue;
            }
            boolean admin = operation.get().roles().contains(dev.surge.shared.identity.Caller.ADMIN_ROLE);
            switch (route.access()) {
                case NONE -> {
                    if (operation.get().secured()) {
                        problems.add(source + ": route " + route + " has no authorizer, the document secures "
                                + operation.get());
                    }
                }
                case USER -> {
                    if (!operation.get().secured() || admin) {
                        problems.add(source + ": route " + route + " takes any user, the document says "
                                + operation.get() + " needs " + (admin ? "the admin role" : "nothing"));
                    }
                }
                case ADMIN -> {
                    if (!admin) {
                        problems.add(source + ": route " + route + " demands the admin scope, the document does not"
                                + " require the admin role for " + operation.get());
                    }
                }
            }
        }
        for (Job job : jobs) {
            if (!job.function().equals(function)) {
                continue;
            }
            JsonNode event;
            try {
                event = JSON.readTree(job.event());
            } catch (Exception e) {
                problems.add(source + ": job " + job.source() + ": event is not JSON");
                continue;
            }
            String method = event.path("requestContext").path("http").path("method").asText();
            String path = event.path("rawPath").asText();
            var operation = document.operationOf(method, path);
            if (operation.isEmpty()) {
                problems.add(source + ": job " + job.source() + " calls " + method + " " + path
                        + ", which is not in the OpenAPI document");
            } else {
                deployed.add(operation.get().method() + " " + operation.get().shape());
            }
        }
        for (ApiDocument.Operation operation : document.operations()) {
            if (!deployed.contains(operation.method() + " " + operation.shape())) {
                problems.add(source + ": operation " + operation + " of the OpenAPI document is neither routed to "
                        + function + " nor called by one of its jobs");
            }
        }
    }
}

package dev.surge.shared.testing.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares what a deployment file routes to a function with what the function serves. Every problem is one
 * line of the answer; an empty answer means the two agree:
 * <ul>
 * <li>every route pointing at the function names one of its endpoints, or a folder of its static files
 * ({@link StaticFiles}) (same method, same path up to the
 * parameters' names) and demands what that endpoint demands: no authorizer, the users' authorizer, or the admin
 * authorizer with the admin scope;</li>
 * <li>every endpoint that is not internal has a route to this function, except the ones named as served by a
 * route to another function (the shared {@code /v1/ping});</li>
 * <li>no route reaches an internal endpoint, and no route under {@code /admin/} is open to plain users;</li>
 * <li>every internal endpoint is invoked by a scheduled job, and every job's event is an HTTP API event for an
 * endpoint of the function that demands the admin scope, carrying that scope in its authorizer claims.</li>
 * </ul>
 */
public final class RouteMap {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteMap() {
    }

    /**
     * @param function the function module (folder name under {@code functions/})
     * @param endpoints what the function serves
     * @param routes every route of one deployment file (all functions)
     * @param jobs every scheduled job of the same file (all functions)
     * @param routedElsewhere endpoints ({@code "GET /v1/ping"}) that a route to another function serves
     * @param adminScope the scope the jobs' events must carry
     */
    public static List<String> check(String function, List<Endpoint> endpoints, List<Route> routes, List<Job> jobs,
            Set<String> routedElsewhere, String adminScope) {
        List<String> problems = new ArrayList<>();
        if (endpoints.isEmpty()) {
            problems.add(function + ": no JAX-RS endpoints found");
        }
        for (Route route : routes) {
            if (route.path().startsWith("/internal/")) {
                problems.add("route " + route + " exposes an internal path");
            }
            if (route.path().startsWith("/admin/") && route.access() != Access.ADMIN) {
                problems.add("route " + route + " is under /admin/ without the admin authorizer and scope");
            }
            if (!route.function().equals(function) || StaticFiles.served(function, route)) {
                continue;
            }
            Optional<Endpoint> endpoint = match(endpoints, route.method(), route.path());
            if (endpoint.isEmpty()) {
                problems.add("route " + route + " has no endpoint in " + function);
            } else if (endpoint.get().internal()) {
                problems.add("route " + route + " reaches internal endpoint " + endpoint.get());
            } else if (endpoint.get().access() != route.access()) {
                problems.add("route " + route + " demands " + route.access() + " but " + endpoint.get() + " demands "
                        + endpoint.get().access());
            }
        }
        for (Endpoint endpoint : endpoints) {
            if (endpoint.internal()) {
                boolean scheduled = jobs.stream()
                        .filter(j -> j.function().equals(function))
                        .anyMatch(j -> eventTargets(j, endpoint));
                if (!scheduled) {
                    problems.add(
                            "internal endpoint " + endpoint + " of " + function + " is invoked by no schedule or deploy step");
                }
                continue;
            }
            List<Route> mine = routes.stream()
                    .filter(r -> r.function().equals(function) && sameRoute(r.method(), r.path(), endpoint))
                    .toList();
            if (routedElsewhere.contains(endpoint.key())) {
                boolean elsewhere = routes.stream()
                        .anyMatch(r -> !r.function().equals(function) && r.key().equals(endpoint.key()));
                if (!elsewhere) {
                    problems.add("endpoint " + endpoint + " is said to be routed to another function, but no route has it");
                }
            } else if (mine.isEmpty()) {
                problems.add("endpoint " + endpoint + " of " + function + " has no route");
            } else if (mine.size() > 1) {
                problems.add("endpoint " + endpoint + " of " + function + " has " + mine.size() + " routes: " + mine);
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
                problems.add("job " + job.source() + ": event is not JSON: " + e.getMessage());
                continue;
            }
            String method = event.path("requestContext").path("http").path("method").asText();
            String path = event.path("rawPath").asText();
            if (!"2.0".equals(event.path("version").asText())) {
                problems.add("job " + job.source() + ": not an HTTP API payload 2.0 event");
            }
            Optional<Endpoint> endpoint = match(endpoints, method, path);
            if (endpoint.isEmpty()) {
                problems.add("job " + job.source() + ": " + method + " " + path + " is no endpoint of " + function);
            } else if (endpoint.get().access() != Access.ADMIN) {
                problems.add("job " + job.source() + ": " + endpoint.get() + " does not demand the admin scope");
            }
            String scope = event.path("requestContext").path("authorizer").path("jwt").path("claims").path("scope").asText();
            if (!List.of(scope.split(" ")).contains(adminScope)) {
                problems.add("job " + job.source() + ": event claims carry scope '" + scope + "', not " + adminScope);
            }
            if (!event.path("routeKey").asText().startsWith(method + " ")) {
                problems.add("job " + job.source() + ": routeKey does not match the method");
            }
        }
        return problems;
    }

    private static boolean eventTargets(Job job, Endpoint endpoint) {
        try {
            JsonNode event = JSON.readTree(job.event());
            return sameRoute(event.path("requestContext").path("http").path("method").asText(),
                    event.path("rawPath").asText(), endpoint);
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<Endpoint> match(List<Endpoint> endpoints, String method, String path) {
        return endpoints.stream().filter(e -> sameRoute(method, path, e)).findFirst();
    }

    /** Same method, and the same path once every parameter (or concrete segment against a parameter) is aligned. */
    static boolean sameRoute(String method, String path, Endpoint endpoint) {
        if (!method.equalsIgnoreCase(endpoint.method())) {
            return false;
        }
        String[] a = trim(path).split("/");
        String[] b = trim(endpoint.path()).split("/");
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            boolean paramA = a[i].startsWith("{") && a[i].endsWith("}");
            boolean paramB = b[i].startsWith("{") && b[i].endsWith("}");
            if (paramA && a[i].endsWith("+}")) {
                return false;
            }
            if (paramB || (paramA && paramB)) {
                continue;
            }
            if (paramA || !a[i].equals(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The problems as one message, for an assertion. */
    public static String describe(Map<String, List<String>> problemsBySource) {
        StringBuilder out = new StringBuilder();
        problemsBySource
                .forEach((source, problems) -> problems.forEach(p -> out.append(source).append(": ").append(p).append('\n')));
        return out.toString();
    }
}

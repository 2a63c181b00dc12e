package dev.surge.shared.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.surge.shared.testing.deploy.Access;
import dev.surge.shared.testing.deploy.Endpoint;
import dev.surge.shared.testing.deploy.Job;
import dev.surge.shared.testing.deploy.Route;
import dev.surge.shared.testing.deploy.RouteMap;

/** The route map check finds each kind of disagreement between a deployment file and a function. */
class RouteMapTest {

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/v1/things/{id}/take", Access.USER, "Things.take"),
            new Endpoint("GET", "/v1/things/{id}", Access.NONE, "Things.get"),
            new Endpoint("PUT", "/admin/v1/things/{id}", Access.ADMIN, "Admin.put"),
            new Endpoint("POST", "/internal/v1/things/sweep", Access.ADMIN, "Jobs.sweep"),
            new Endpoint("GET", "/v1/ping", Access.NONE, "Ping.ping"));

    private static final List<Route> ROUTES = List.of(
            new Route("t", "POST", "/v1/things/{thingId}/take", "things", Access.USER),
            new Route("t", "GET", "/v1/things/{thingId}", "things", Access.NONE),
            new Route("t", "PUT", "/admin/v1/things/{id}", "things", Access.ADMIN),
            new Route("t", "GET", "/v1/ping", "other", Access.NONE));

    private static final List<Job> JOBS = List.of(new Job("t", "things", "rate(1 minute)", event("/internal/v1/things/sweep",
            "surge/admin")));

    @Test
    void agreementHasNoProblems() {
        assertEquals(List.of(), check(ROUTES, JOBS));
    }

    @Test
    void routeWithoutEndpointAndEndpointWithoutRoute() {
        List<String> problems = check(List.of(ROUTES.get(0), ROUTES.get(2), ROUTES.get(3),
                new Route("t", "GET", "/v1/thing/{id}", "things", Access.NONE)), JOBS);
        assertTrue(problems.stream().anyMatch(p -> p.contains("GET /v1/thing/{id}") && p.contains("has no endpoint")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("Things.get") && p.contains("has no route")),
                problems.toString());
    }

    @Test
    void adminRouteWithoutAdminAuthorizerAndWrongAccess() {
        List<String> problems = check(List.of(ROUTES.get(0), ROUTES.get(1), ROUTES.get(3),
                new Route("t", "PUT", "/admin/v1/things/{id}", "things", Access.USER)), JOBS);
        assertTrue(problems.stream().anyMatch(p -> p.contains("under /admin/")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("demands USER") && p.contains("demands ADMIN")),
                problems.toString());
    }

    @Test
    void internalRouteAndUnscheduledJob() {
        List<String> problems = check(List.of(ROUTES.get(0), ROUTES.get(1), ROUTES.get(2), ROUTES.get(3),
                new Route("t", "POST", "/internal/v1/things/sweep", "things", Access.ADMIN)), List.of());
        assertTrue(problems.stream().anyMatch(p -> p.contains("exposes an internal path")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("invoked by no schedule")), problems.toString());
    }

    @Test
    void jobWithoutTheAdminScopeOrForAnotherPath() {
        List<String> problems = check(ROUTES,
                List.of(new Job("t", "things", "rate(1 minute)", event("/internal/v1/things/sweep",
                        "openid")),
                        new Job("t2", "things", "rate(1 minute)", event("/internal/v1/things/sweeps", "surge/admin"))));
        assertTrue(problems.stream().anyMatch(p -> p.contains("not surge/admin")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("sweeps is no endpoint")), problems.toString());
    }

    @Test
    void sharedEndpointMustBeRoutedSomewhere() {
        List<String> problems = check(ROUTES.subList(0, 3), JOBS);
        assertTrue(problems.stream().anyMatch(p -> p.contains("no route has it")), problems.toString());
    }

    private static List<String> check(List<Route> routes, List<Job> jobs) {
        return RouteMap.check("things", ENDPOINTS, routes, jobs, Set.of("GET /v1/ping"), "surge/admin");
    }

    private static String event(String path, String scope) {
        return "{\"version\":\"2.0\",\"routeKey\":\"POST " + path + "\",\"rawPath\":\"" + path
                + "\",\"requestContext\":{\"http\":{\"method\":\"POST\",\"path\":\"" + path
                + "\"},\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"s\",\"scope\":\"" + scope + "\"}}}}}";
    }
}

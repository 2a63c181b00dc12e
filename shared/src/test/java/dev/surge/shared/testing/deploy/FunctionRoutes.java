package dev.surge.shared.testing.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.surge.shared.testing.Repo;

/**
 * The route map check of one function against both deployment files: {@code template.yaml} and
 * {@code terraform/}. A function module's test calls {@link #problems} and expects none.
 */
public final class FunctionRoutes {

    /** Every function serves this; the API routes it to one function (eligibility). */
    public static final String PING = "GET /v1/ping";

    /** Every function serves the caller's own identity too; the API routes it to eligibility as well. */
    public static final String ME = "GET /v1/me";

    private FunctionRoutes() {
    }

    /**
     * @param function the module's folder name under {@code functions/}
     * @param routedElsewhere endpoints of this function that a route to another function serves
     */
    public static Map<String, List<String>> problems(String function, Set<String> routedElsewhere) {
        List<Endpoint> endpoints = Endpoints.of(Repo.file("functions/" + function + "/target/classes"));
        Map<String, List<String>> problems = new LinkedHashMap<>();

        SamTemplate sam = SamTemplate.load();
        problems.put("template.yaml", RouteMap.check(function, endpoints, sam.routes(), sam.jobs(), routedElsewhere,
                sam.parameterDefault(SamTemplate.ADMIN_SCOPE_PARAMETER)));

        TerraformConfig terraform = TerraformConfig.load();
        problems.put("terraform", RouteMap.check(function, endpoints, terraform.routes(), terraform.jobs(),
                routedElsewhere, terraform.variableDefault("admin_scope")));
        problems.values().removeIf(List::isEmpty);
        return problems;
    }
}

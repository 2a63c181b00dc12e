package dev.surge.redpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.surge.shared.testing.deploy.FunctionRoutes;
import dev.surge.shared.testing.deploy.NativeReadiness;
import dev.surge.shared.testing.deploy.RouteMap;

/**
 * The deployment files and this function agree: every route of {@code template.yaml} and {@code terraform/}
 * that points here names one of its JAX-RS endpoints and demands what that endpoint demands, every public
 * endpoint has a route, internal endpoints have none and are invoked by a schedule; and the function is ready
 * for a native image in a Lambda environment.
 */
class RoutesTest {

    @Test
    void deploymentRoutesMatchTheEndpoints() {
        Map<String, List<String>> problems = FunctionRoutes.problems("redpacket",
                Set.of(FunctionRoutes.PING, FunctionRoutes.ME));
        assertTrue(problems.isEmpty(), RouteMap.describe(problems));
    }

    @Test
    void readyForANativeImageInLambda() {
        assertEquals(List.of(), NativeReadiness.problems("redpacket"));
    }
}

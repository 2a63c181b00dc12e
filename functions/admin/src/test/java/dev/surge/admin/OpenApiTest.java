package dev.surge.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.deploy.FunctionRoutes;
import dev.surge.shared.testing.openapi.ApiDocument;
import dev.surge.shared.testing.openapi.DocumentProbes;
import dev.surge.shared.testing.openapi.DocumentedRoutes;

/**
 * The OpenAPI document this function serves at {@code /q/openapi} lists exactly what {@code template.yaml} and
 * {@code terraform/} deploy for it, and its secured operations answer as documented without a token (401) and, for
 * admin operations, to a plain user's token (403). {@code OpenApiResponsesTest} holds the document against every
 * answer of the suite.
 */
@QuarkusTest
class OpenApiTest {

    @Test
    void documentListsTheDeployedRoutes() {
        ApiDocument document = DocumentProbes.served();
        assertEquals(List.of(), DocumentedRoutes.problems("admin", document, Set.of(FunctionRoutes.PING, FunctionRoutes.ME)));
    }

    @Test
    void securedOperationsRefuseCallersWithoutTheRightToken() {
        ApiDocument document = DocumentProbes.served();
        assertEquals(List.of(), DocumentProbes.unauthenticated(document));
        assertEquals(List.of(), DocumentProbes.forbidden(document));
    }
}

package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.TestTokens;
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
        assertEquals(List.of(), DocumentedRoutes.problems("draw", document, Set.of(FunctionRoutes.PING, FunctionRoutes.ME)));
    }

    @Test
    void securedOperationsRefuseCallersWithoutTheRightToken() {
        ApiDocument document = DocumentProbes.served();
        assertEquals(List.of(), DocumentProbes.unauthenticated(document));
        assertEquals(List.of(), DocumentProbes.forbidden(document));
    }

    /** Documented answers no other test asks for: a malformed key in a result's path, the caller's own identity. */
    @Test
    void documentedAnswersOtherTestsDoNotAskFor() {
        given().auth().oauth2(TestTokens.user("probe-user")).get("/v1/campaigns/1/draws/short").then().statusCode(400);
        given().auth().oauth2(TestTokens.user("probe-user")).get("/v1/me").then().statusCode(200);
    }
}

package dev.surge.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.surge.shared.testing.openapi.DocumentedResponses;

/**
 * Every answer this function gave in its test suite is documented in its OpenAPI document (status, problem+json,
 * {@code Retry-After}), and after a whole run every documented status of every operation was given to some request.
 * Runs after the module's other tests, in a surefire execution of its own (see the parent pom).
 */
class OpenApiResponsesTest {

    @Test
    void documentedResponsesAreTheAnswersGiven() {
        assertEquals(List.of(), DocumentedResponses.problems(DocumentedResponses.coverageWanted()));
    }
}

package dev.surge.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.testing.openapi.DocumentProbes;

/**
 * Every user operation of the OpenAPI document is shed at the edge with 503 and {@code Retry-After} when the process
 * holds all it can serve, as documented. A test about overload: it sets the bound on requests in flight to none.
 */
@QuarkusTest
@TestProfile(OpenApiShedTest.Full.class)
class OpenApiShedTest {

    /** A process that admits no user request. */
    public static class Full implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.capacity.max-in-flight", "0");
        }
    }

    @Test
    void userOperationsAreShedWhenTheProcessIsFull() {
        assertEquals(List.of(), DocumentProbes.shed(DocumentProbes.served()));
    }
}

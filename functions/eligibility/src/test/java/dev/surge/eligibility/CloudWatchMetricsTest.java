package dev.surge.eligibility;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MockClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.surge.shared.metrics.EmfMeterRegistry;
import dev.surge.shared.metrics.EmfPublisher;
import dev.surge.shared.metrics.SurgeMetrics;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.TestTokens;

/**
 * With CloudWatch publishing on, as in AWS, the decisions a request records reach the CloudWatch registry too,
 * and a step that has ended is written out at the end of the next invocation, through the Lambda adapter.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
@TestProfile(CloudWatchMetricsTest.Emf.class)
class CloudWatchMetricsTest {

    public static class Emf implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.metrics.emf.enabled", "true");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(StepClock.class);
        }
    }

    /** The metrics' clock, moved by the test: no step ends unless the test says so. */
    @Alternative
    @Singleton
    public static class StepClock extends MockClock {
    }

    @Inject
    EmfPublisher publisher;

    @Inject
    Publications publications;

    @Inject
    StepClock clock;

    @Test
    void decisionsAreRecordedInTheCloudWatchRegistryUnderTheirNames() {
        long id = Publications.newId();
        publications.publish(Publications.online(id, 1));
        given().auth()
                .oauth2(TestTokens.user("metrics-user"))
                .contentType(ContentType.JSON)
                .body("{\"campaignIds\":[" + id + "]}")
                .post("/v1/eligibility")
                .then()
                .statusCode(200);
        assertNotNull(publisher.registry(), "the CloudWatch registry is started");
        // A step registry reports a count once its step ends; the meter itself is there at once.
        assertTrue(!publisher.registry()
                .find(SurgeMetrics.ELIGIBILITY_DECISIONS)
                .tag(SurgeMetrics.TAG_OUTCOME, "eligible")
                .counters()
                .isEmpty(), "decisions counted in the CloudWatch registry");
        assertNotNull(publisher.registry().find(SurgeMetrics.ELIGIBILITY_LATENCY).timer());
    }

    @Test
    void anEndedStepIsWrittenOutAtTheEndOfTheNextInvocationOnly() {
        EmfMeterRegistry emf = publisher.registry();
        assertNotNull(emf, "the CloudWatch registry is started");
        long before = emf.publishedBefore();
        given().get("/v1/ping").then().statusCode(200);
        assertEquals(before, emf.publishedBefore(), "an invocation within the step writes nothing");

        clock.add(Duration.ofSeconds(60));
        assertEquals(before, emf.publishedBefore(), "no timer: nothing is written between invocations");
        given().get("/v1/ping").then().statusCode(200);
        assertEquals(before + Duration.ofSeconds(60).toMillis(), emf.publishedBefore(),
                "the ended step is written before the invocation's answer");
    }
}

package dev.surge.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.rest.ProblemMapper;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;

/** The campaign-wide admission rate lives in Redis, so it holds across every instance of the fleet. */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestProfile(ThrottleTest.FiveASecond.class)
class ThrottleTest {

    /** Five admissions per campaign and second. */
    public static class FiveASecond implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.draw.admissions-per-second", "5");
        }
    }

    @Inject
    DrawService service;

    @Inject
    Raffles raffles;

    @Test
    void drawsPastTheRateAreTurnedAwayWith429() {
        Campaign raffle = raffles.create(0, 1, ParticipationLimit.NONE);
        // The whole burst falls in one second of the application clock.
        MovableClockProducer.clockInUse().pin(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(100));
        try {
            List<Uni<String>> burst = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                burst.add(service.draw(Caller.fromClaims(Map.of("sub", "crowd-" + i)), raffle.id(),
                        UUID.randomUUID().toString(), RequestAttributes.NONE)
                        .map(answer -> answer.outcome().value())
                        .onFailure(Refusal.class)
                        .recoverWithItem(e -> "status-" + ProblemMapper.status(((Refusal) e).reason())));
            }
            List<String> outcomes = Uni.join().all(burst).andFailFast().await().atMost(Duration.ofSeconds(20));
            assertEquals(5, outcomes.stream().filter("lost"::equals).count(), outcomes.toString());
            assertEquals(25, outcomes.stream().filter("status-429"::equals).count(), outcomes.toString());
            assertTrue(raffles.tally(raffle.id(), "throttled") >= 25);
        } finally {
            MovableClockProducer.clockInUse().release();
        }
    }
}

package dev.surge.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.testing.LocalServices;

/** MySQL refusing connections: a winner in Redis gets "try later", and the unit and participation go back. */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestProfile(MysqlRefusedTest.Refused.class)
class MysqlRefusedTest {

    /** Nothing listens where the function looks for MySQL. */
    public static class Refused implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.test.mysql-port", "1");
        }
    }

    @Inject
    DrawService service;

    @Inject
    Raffles raffles;

    @Test
    void refusedMySQLGivesTryLaterAndRestoresRedis() {
        Campaign raffle = raffles.create(0, 0, new ParticipationLimit(3, null), new Raffles.PrizeSpec("kettle", 1, 7));
        long prize = raffle.draw().prizes().get(0).id();
        for (int i = 0; i < 3; i++) {
            DrawResult answer = service.draw(Caller.fromClaims(Map.of("sub", "refused")), raffle.id(),
                    UUID.randomUUID().toString(), RequestAttributes.NONE).await().atMost(Duration.ofSeconds(10));
            assertEquals("try-later", answer.outcome().value());
            assertEquals(false, answer.won());
        }
        assertEquals(7, raffles.redisStock(raffle.id(), prize));
        assertEquals(7, raffles.mysqlStock(prize));
        assertEquals(0, raffles.grants(raffle.id()));
        assertEquals(0, raffles.pending(raffle.id()));
        // The failed draws did not use up the user's draws.
        assertEquals(0, raffles.participation(raffle.id(), "refused"));
    }
}

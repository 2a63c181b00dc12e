package dev.surge.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.testing.LocalServices;

/**
 * A function that has just started, hit by a crowd at once, with the production fault-tolerance settings: it
 * answers real outcomes (not "try later"), sells no unit twice, and tells winners "won".
 */
@QuarkusTest
@TestProfile(DrawColdBurstTest.Fresh.class)
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrawColdBurstTest {

    /** A profile of its own, so the application starts fresh for this class; the settings are production's. */
    public static class Fresh implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.test.profile", "cold-burst", "surge.capacity.max-loop-lag", System.getProperty("lag", "50ms"));
        }
    }

    @Inject
    DrawService service;

    @Inject
    Raffles raffles;

    @Inject
    MeterRegistry registry;

    @Test
    @Order(1)
    void aFreshFunctionAnswersItsFirstCrowdWithRealOutcomes() throws Exception {
        Campaign raffle = raffles.create(0, 1, new ParticipationLimit(3, null), new Raffles.PrizeSpec("phone", 1, 50));
        long prize = raffle.draw().prizes().get(0).id();
        List<Crowd.Draw> draws = new ArrayList<>();
        for (int i = 0; i < 3200; i++) {
            draws.add(new Crowd.Draw("burst-" + (i % 800), "key-" + i));
        }
        Random random = new Random(11);
        List<Crowd.Draw> repeats = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            repeats.add(draws.get(random.nextInt(draws.size())));
        }
        List<Crowd.Draw> all = new ArrayList<>(draws);
        all.addAll(repeats);
        Collections.shuffle(all, random);

        List<Crowd.Answer> answers = Crowd.send(service, raffle.id(), all, 64);
        Map<String, Integer> outcomes = Crowd.outcomes(answers);
        System.out.printf("cold burst: %d draws, real outcomes %.2f%%, %s; %s%n", answers.size(),
                100 * Crowd.realShare(answers), outcomes, Crowd.fallbacks(registry));

        assertTrue(Crowd.realShare(answers) >= 0.99,
                "answers: " + outcomes + "; " + Crowd.fallbacks(registry));
        assertTrue(raffles.grants(raffle.id()) <= 50);
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
        assertEquals(raffles.mysqlStock(prize) + raffles.grants(raffle.id()), 50);
        // Every unit went to one draw; a repeat of a winning key is told "won" again, with the same draw id.
        long winningDraws = answers.stream()
                .filter(a -> "won".equals(a.outcome()) || "pending".equals(a.outcome()))
                .map(Crowd.Answer::drawId)
                .distinct()
                .count();
        assertEquals(raffles.grants(raffle.id()), winningDraws, "answers: " + outcomes);
    }

    @Test
    @Order(2)
    void winnersOfASeckillHearWonNotPending() throws Exception {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("voucher", 1, 1000));
        List<Crowd.Draw> draws = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            draws.add(new Crowd.Draw("seckill-" + i, "key-" + i));
        }
        List<Crowd.Answer> answers = Crowd.send(service, raffle.id(), draws, 64);
        Map<String, Integer> outcomes = Crowd.outcomes(answers);
        long winners = raffles.grants(raffle.id());
        int pending = outcomes.getOrDefault("pending", 0);
        System.out.printf("seckill: %d winners, %d answered pending, %s%n", winners, pending, outcomes);

        assertEquals(1000, winners, "answers: " + outcomes + "; " + Crowd.fallbacks(registry));
        assertTrue(pending <= winners / 100, "answers: " + outcomes + "; " + Crowd.fallbacks(registry));
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
    }
}

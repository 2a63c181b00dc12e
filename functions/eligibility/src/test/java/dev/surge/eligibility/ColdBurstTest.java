package dev.surge.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.eligibility.service.EligibilityService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.AttributeToken;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.model.Rule;
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.testing.AtOnce;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;

/**
 * "The first minute is the campaign": a function that has just started, hit by a crowd at once, answers as a warm
 * one would. A fresh start (a profile of its own), then thousands of decisions from hundreds of users at once, as
 * many in flight as the entry bulkhead admits. Through the service from many threads, as a fleet of Lambda
 * environments would run them (the HTTP adapter in tests serialises requests).
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
@TestProfile(ColdBurstTest.FreshStart.class)
class ColdBurstTest {

    /** No overrides: a profile of its own only makes this test start the function afresh. */
    public static class FreshStart implements QuarkusTestProfile {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int USERS = 600;
    private static final int DECISIONS = 3600;
    /** As many callers as the entry bulkhead runs at once. */
    private static final int THREADS = 64;
    private static final String BLOCKED = "cold-fraud";
    private static final int TOTAL_LIMIT = 3;

    @Inject
    EligibilityService service;

    @Inject
    Publications publications;

    /** What the campaign's rules say of a user: who is blocked, who has used up the limit, the rest take part. */
    private enum Expected {

        ELIGIBLE, BLOCKED, LIMITED;

        static Expected of(int user) {
            return user % 10 == 0 ? BLOCKED : user % 7 == 0 ? LIMITED : ELIGIBLE;
        }
    }

    @Test
    void aFreshFunctionHitByACrowdAnswersAlmostEveryDecision() throws Exception {
        long id = Publications.newId();
        ObjectMapper json = new ObjectMapper();
        Campaign campaign = Publications.online(id, 1);
        publications.publish(new Campaign(id, campaign.name(), campaign.status(), campaign.startsAt(),
                campaign.endsAt(), campaign.zone(), 1, new ParticipationLimit(TOTAL_LIMIT, null),
                List.of(new Rule("channel", json.readTree("{\"anyOf\":[\"app\"]}")),
                        new Rule("block-list", json.readTree("{\"list\":\"" + BLOCKED + "\"}"))),
                1));
        for (int user = 0; user < USERS; user++) {
            switch (Expected.of(user)) {
                case BLOCKED -> publications.addToList(id, BLOCKED, userId(user));
                case LIMITED -> publications.participated(id, userId(user), CampaignKeys.TOTAL_FIELD, TOTAL_LIMIT);
                case ELIGIBLE -> {
                }
            }
        }

        EligibilityQuery ask = new EligibilityQuery(List.of(id),
                RequestAttributes.fromBody("app", null, null, AttributeToken.NONE));
        List<String> wrong = new ArrayList<>();
        List<Callable<String>> requests = new ArrayList<>(DECISIONS);
        for (int i = 0; i < DECISIONS; i++) {
            int user = i % USERS;
            Caller caller = Caller.fromClaims(Map.of(Caller.SUBJECT, userId(user)));
            requests.add(() -> {
                // A refusal is counted by AtOnce: 503 as "try-later", any other status by its number.
                EligibilityDecision decision = service.decide(caller, ask).await().atMost(PATIENCE);
                String outcome = outcome(id, decision);
                if (!outcome.equals(Expected.of(user).name().toLowerCase())) {
                    synchronized (wrong) {
                        wrong.add(userId(user) + ": " + decision);
                    }
                }
                return outcome;
            });
        }
        AtOnce.Result crowd = AtOnce.run(requests, THREADS);
        Map<String, AtomicLong> outcomes = crowd.outcomes();
        long millis = crowd.millis();

        long real = outcomes.entrySet()
                .stream()
                .filter(e -> !e.getKey().equals("try-later") && !e.getKey().startsWith("status-"))
                .mapToLong(e -> e.getValue().get())
                .sum();
        System.out.printf("cold burst: %d decisions from %d users over %d threads in %d ms: %s%n", DECISIONS, USERS,
                THREADS, millis, outcomes);
        assertEquals(List.of(), wrong, "every decision follows the campaign's rules");
        assertEquals(DECISIONS, outcomes.values().stream().mapToLong(AtomicLong::get).sum());
        assertTrue(real >= DECISIONS * 99L / 100, "real outcomes " + real + " of " + DECISIONS + ": " + outcomes);
    }

    private static String userId(int user) {
        return "cold-user-" + user;
    }

    private static String outcome(long campaignId, EligibilityDecision decision) {
        if (decision.eligible()) {
            return Long.valueOf(campaignId).equals(decision.campaignId()) ? "eligible" : "chose-" + decision.campaignId();
        }
        String rule = decision.campaigns().get(0).rule();
        return "block-list".equals(rule) ? "blocked" : "participation-limit".equals(rule) ? "limited" : "refused-by-" + rule;
    }
}

package dev.surge.draw;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.draw.service.DrawService;
import dev.surge.draw.service.SoldOutMemory;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;

/**
 * The invariants under real concurrency against real Redis and MariaDB: never more grants than stock, never a
 * grant twice, never a user past their limit. Draws run through the service from many threads at once, as
 * a fleet of Lambda environments would run them (each environment serves one request at a time, so the HTTP
 * adapter in tests serialises; the service is where concurrent instances meet Redis and MySQL).
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class DrawConcurrencyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    DrawService service;

    @Inject
    Raffles raffles;

    @Inject
    SoldOutMemory soldOut;

    private static Caller user(String id) {
        return Caller.fromClaims(Map.of("sub", id));
    }

    @Test
    void twoThousandDrawsByFiveHundredUsersNeverOversellOneHundredUnits() throws Exception {
        int users = 500;
        int drawsPerUser = 4;
        int limit = 3;
        Campaign raffle = raffles.create(0, 1, new ParticipationLimit(limit, null),
                new Raffles.PrizeSpec("phone", 3, 100));
        long prize = raffle.draw().prizes().get(0).id();

        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> winsByUser = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int d = 0; d < drawsPerUser; d++) {
                String userId = "user-" + u;
                String key = "k-" + u + "-" + d + "-xxxxxx";
                running.add(pool.submit(() -> {
                    start.await();
                    DrawResult answer = service.draw(user(userId), raffle.id(), key, RequestAttributes.NONE)
                            .await()
                            .atMost(PATIENCE);
                    outcomes.merge(answer.outcome().value(), 1, Integer::sum);
                    if (answer.won()) {
                        winsByUser.computeIfAbsent(userId, x -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
        }
        start.countDown();
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();

        assertEquals(users * drawsPerUser, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(100, outcomes.getOrDefault("won", 0), "answers: " + outcomes);
        assertEquals(100, raffles.grants(raffle.id()));
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
        assertEquals(0, raffles.mysqlStock(prize));
        assertEquals(0, raffles.redisStock(raffle.id(), prize));
        assertEquals(0, raffles.pending(raffle.id()));
        // Every draw got a definite answer: nothing fell back, nothing was left pending.
        assertEquals(0, outcomes.getOrDefault("try-later", 0) + outcomes.getOrDefault("pending", 0), "answers: " + outcomes);
        assertTrue(outcomes.getOrDefault("limited", 0) > 0, "answers: " + outcomes);
        for (int u = 0; u < users; u++) {
            assertTrue(raffles.participation(raffle.id(), "user-" + u) <= limit);
        }
    }

    @Test
    void fiftyConcurrentRepeatsOfOneKeyHaveOneOutcomeAndOneGrant() throws Exception {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("watch", 1, 10));
        long prize = raffle.draw().prizes().get(0).id();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DrawResult>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return service.draw(user("impatient"), raffle.id(), "same-key-123", RequestAttributes.NONE)
                        .await()
                        .atMost(PATIENCE);
            }));
        }
        start.countDown();
        List<String> drawIds = new ArrayList<>();
        for (Future<DrawResult> f : answers) {
            DrawResult answer = f.get();
            assertTrue(List.of("won", "pending").contains(answer.outcome().value()), answer.toString());
            drawIds.add(answer.drawId());
        }
        pool.shutdown();
        assertEquals(1, drawIds.stream().distinct().count(), "one draw behind every answer");
        assertEquals(1, raffles.grants(raffle.id()));
        assertEquals(9, raffles.mysqlStock(prize));
        assertEquals(9, raffles.redisStock(raffle.id(), prize));
        assertEquals(1, raffles.participation(raffle.id(), "impatient"));
    }

    @Test
    void stockAddedAndRemovedMidRunKeepsTheInvariant() throws Exception {
        Campaign raffle = raffles.create(0, 1, ParticipationLimit.NONE, new Raffles.PrizeSpec("console", 3, 50));
        long prize = raffle.draw().prizes().get(0).id();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger won = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<?>> running = wave(pool, raffle, "a", 1500, done, won);
        // While draws run, an operator adds 30 units and takes 10 away, the way the admin side does it: adding
        // goes to MySQL then Redis; taking away takes free units in Redis first, then in MySQL.
        await().atMost(PATIENCE).until(() -> done.get() >= 20);
        raffles.addStock(prize, 30);
        await().atMost(PATIENCE).until(() -> done.get() >= 100);
        long removed = raffles.takeStock(raffle.id(), prize, 10) ? 10 : 0;
        for (Future<?> f : running) {
            f.get();
        }
        // Instances that saw the prize sold out before the units arrived remember it for a moment; once they
        // forget, a last wave finds whatever is left.
        await().atMost(PATIENCE).until(() -> !soldOut.soldOutFor(raffle.id(), prize, 0, "anyone"));
        for (Future<?> f : wave(pool, raffle, "b", 300, done, won)) {
            f.get();
        }
        pool.shutdown();

        long expected = 50 + 30 - removed;
        assertEquals(expected, won.get());
        assertEquals(expected, raffles.grants(raffle.id()));
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
        assertEquals(0, raffles.mysqlStock(prize));
        assertEquals(0, raffles.redisStock(raffle.id(), prize));
    }

    private List<Future<?>> wave(ExecutorService pool, Campaign raffle, String name, int draws, AtomicInteger done,
            AtomicInteger won) {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            String userId = "mid-" + (i % 300);
            String key = "mid-" + name + "-" + i + "-xxxx";
            running.add(pool.submit(() -> {
                DrawResult answer = service.draw(user(userId), raffle.id(), key, RequestAttributes.NONE)
                        .await()
                        .atMost(PATIENCE);
                if (answer.won()) {
                    won.incrementAndGet();
                }
                done.incrementAndGet();
                return null;
            }));
        }
        return running;
    }
}

package dev.surge.draw;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.redis.DrawBuckets;

/**
 * A raffle spread over three stock buckets: a user's draw runs in the user's bucket, a dry bucket borrows from the
 * others, "sold out" is said only once every bucket is empty, and the invariants hold as with one bucket.
 * {@link DrawBucketsTest} runs it on standalone Redis, {@link DrawBucketsOnClusterTest} on the local Redis Cluster,
 * where the three buckets sit on three masters.
 */
abstract class DrawBucketsContract {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    DrawService service;

    @Inject
    Raffles raffles;

    private static Caller user(String id) {
        return Caller.fromClaims(Map.of("sub", id));
    }

    private DrawResult draw(Campaign raffle, String userId, String key) {
        return service.draw(user(userId), raffle.id(), key, RequestAttributes.NONE).await().atMost(PATIENCE);
    }

    @Test
    void everyUnitIsSoldOnceEvenWhenAllTheStockSitsInOneBucket() throws Exception {
        int users = 500;
        int drawsPerUser = 4;
        int limit = 3;
        Campaign raffle = raffles.createInBuckets(3, 1, new ParticipationLimit(limit, null),
                new Raffles.PrizeSpec("phone", 3, 100));
        long prize = raffle.draw().prizes().get(0).id();
        // The other buckets' users can only win what they borrow from bucket 0.
        raffles.setBucketStock(raffle, prize, 0, 100);
        raffles.setBucketStock(raffle, prize, 1, 0);
        raffles.setBucketStock(raffle, prize, 2, 0);
        DrawBuckets buckets = raffles.buckets(raffle);

        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        Map<Integer, Integer> winsByBucket = new ConcurrentHashMap<>();
        Set<String> winners = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int d = 0; d < drawsPerUser; d++) {
                String userId = "user-" + u;
                String key = "k-" + u + "-" + d + "-xxxxxx";
                running.add(pool.submit(() -> {
                    start.await();
                    DrawResult answer = draw(raffle, userId, key);
                    outcomes.merge(answer.outcome().value(), 1, Integer::sum);
                    if (answer.won()) {
                        winners.add(userId + "/" + key);
                        winsByBucket.merge(buckets.of(userId), 1, Integer::sum);
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
        assertEquals(100, winners.size());
        assertEquals(100, raffles.grants(raffle.id()));
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
        assertEquals(0, raffles.mysqlStock(prize));
        assertEquals(0, raffles.totalRedisStock(raffle, prize));
        assertEquals(0, raffles.pendingInBuckets(raffle));
        assertEquals(0, outcomes.getOrDefault("try-later", 0) + outcomes.getOrDefault("pending", 0), "answers: " + outcomes);
        assertEquals(Set.of(0, 1, 2), winsByBucket.keySet(), "wins by bucket: " + winsByBucket);
        for (int u = 0; u < users; u++) {
            assertTrue(raffles.participation(raffle, "user-" + u) <= limit);
        }
    }

    @Test
    void soldOutIsSaidOnlyOnceEveryBucketIsEmpty() {
        Campaign raffle = raffles.createInBuckets(3, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("mug", 1, 2));
        long prize = raffle.draw().prizes().get(0).id();
        raffles.setBucketStock(raffle, prize, 0, 0);
        raffles.setBucketStock(raffle, prize, 1, 0);
        raffles.setBucketStock(raffle, prize, 2, 2);
        String first = raffles.userInBucket(raffle, 0, "first");
        String second = raffles.userInBucket(raffle, 0, "second");
        String third = raffles.userInBucket(raffle, 0, "third");

        // Bucket 0 is dry; the draw borrows half of bucket 2 (one unit) and wins it.
        assertEquals("won", draw(raffle, first, "key-first-1").outcome().value());
        assertEquals(1, raffles.bucketStock(raffle, prize, 2));
        assertFalse(raffles.drained(raffle, prize, 0));
        assertEquals(1, raffles.participation(raffle, first));
        // The last unit: bucket 2 lends it (half of one, rounded up).
        assertEquals("won", draw(raffle, second, "key-second-1").outcome().value());
        // Now every bucket is empty: sold out. The sold-out draw counted no unit: the user took part once, and
        // the repeat replays it.
        DrawResult soldOut = draw(raffle, third, "key-third-1");
        assertEquals("sold-out", soldOut.outcome().value());
        assertEquals(2, raffles.grants(raffle.id()));
        assertEquals(0, raffles.totalRedisStock(raffle, prize));
        assertEquals(1, raffles.participation(raffle, third));
        assertEquals(soldOut.drawId(), draw(raffle, third, "key-third-1").drawId());
        // Once no lent unit can still be on its way, bucket 0 marks itself drained and stops asking the others.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            assertEquals("sold-out", draw(raffle, third, "key-third-" + System.nanoTime()).outcome().value());
            return raffles.drained(raffle, prize, 0);
        });

        // A unit added to another bucket is found once the mark lapses.
        raffles.addStockToBucket(raffle, prize, 1, 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "won".equals(draw(raffle, third, "key-third-" + System.nanoTime()).outcome().value()));
        assertEquals(3, raffles.grants(raffle.id()));
        assertEquals(0, raffles.totalRedisStock(raffle, prize));
    }

    @Test
    void aRepeatedKeyReplaysItsAnswerFromTheUsersBucket() {
        Campaign raffle = raffles.createInBuckets(3, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("pen", 1, 9));
        long prize = raffle.draw().prizes().get(0).id();
        for (int k = 0; k < 3; k++) {
            String userId = raffles.userInBucket(raffle, k, "repeat");
            DrawResult first = draw(raffle, userId, "same-key-123");
            DrawResult again = draw(raffle, userId, "same-key-123");
            assertEquals("won", first.outcome().value());
            assertEquals(first, again);
            assertEquals(2, raffles.bucketStock(raffle, prize, k), "bucket " + k);
        }
        assertEquals(3, raffles.grants(raffle.id()));
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
    }
}

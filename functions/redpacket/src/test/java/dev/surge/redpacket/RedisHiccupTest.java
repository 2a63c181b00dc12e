package dev.surge.redpacket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.redpacket.service.RedPacketService;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rest.ProblemMapper;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.PrivateRedis;

/**
 * Redis stops answering for 1.5 s in the middle of a crowd (CLIENT PAUSE, as a failover or a slow command would),
 * with production budgets and breakers, on a Redis server of the test's own (pausing the shared one would stall
 * every other suite using it). Only grabs that met the pause, or the second after it while the breaker
 * probes, are told to try later; none is granted twice; and once settled, MySQL and Redis add up to the cent.
 */
@QuarkusTest
@TestProfile(RedisHiccupTest.LargePackets.class)
class RedisHiccupTest {

    /** A packet large enough to outlast the run; budgets and breakers stay as in production. */
    public static class LargePackets implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalServices.class, Map.of(LocalServices.SCHEMA, "true")),
                    new TestResourceEntry(PrivateRedis.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.redpacket.max-count", Integer.toString(SHARES));
        }
    }

    private static final int SHARES = 1_000;
    private static final long AMOUNT = 100_007;
    private static final int THREADS = 8;
    private static final Duration RUN = Duration.ofSeconds(5);
    private static final Duration PAUSE_AT = Duration.ofMillis(1500);
    private static final int PAUSE_MS = 1500;
    /** After the pause, the breaker may stay open its delay (500 ms) and probe: a second is allowed for that. */
    private static final Duration RECOVERY = Duration.ofSeconds(1);
    /** Each thread starts a grab every 40 ms at most (200 a second in all), so the packet outlasts the run. */
    private static final long PACE_NANOS = Duration.ofMillis(40).toNanos();
    private static final int MAX_GRABS_PER_THREAD = 1_000;
    /** Longer than a grab's Redis budget (150 ms), so the grab gives up before Redis runs it. */
    private static final int LATE_PAUSE_MS = 600;

    /** One grab: who, when it started and ended (nanoTime), and what came back. */
    private record Attempt(String user, long startedNanos, long endedNanos, GrabResult answer, Refusal refused) {

        boolean tryLater() {
            return refused != null || GrabOutcome.TRY_LATER.equals(answer.outcome());
        }

        boolean inFlightBetween(long fromNanos, long toNanos) {
            return startedNanos <= toNanos && endedNanos >= fromNanos;
        }
    }

    @Inject
    RedPacketService service;

    @Inject
    Packets packets;

    @Test
    void aPausedRedisCostsOnlyTheGrabsThatMetItAndNothingIsGrantedTwiceOrLost() throws Exception {
        PacketSent packet = packets.sendPatiently("hiccup-boss", AMOUNT, SHARES);
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicInteger users = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long begin = System.nanoTime();
        long end = begin + RUN.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < MAX_GRABS_PER_THREAD; i++) {
                    long started = System.nanoTime();
                    if (started - end >= 0) {
                        break;
                    }
                    String user = "hiccup-" + users.incrementAndGet();
                    GrabResult answer = null;
                    Refusal refused = null;
                    try {
                        answer = Packets.await(service.grab(Packets.user(user), packet.id()));
                    } catch (Refusal e) {
                        if (ProblemMapper.status(e.reason()) != 503) {
                            throw e;
                        }
                        refused = e;
                    }
                    attempts.add(new Attempt(user, started, System.nanoTime(), answer, refused));
                    LockSupport.parkNanos(started + PACE_NANOS - System.nanoTime());
                }
                return null;
            }));
        }
        LockSupport.parkNanos(begin + PAUSE_AT.toNanos() - System.nanoTime());
        long pauseFrom = System.nanoTime();
        long pauseTo = pauseRedis(PAUSE_MS) + Duration.ofMillis(PAUSE_MS).toNanos();
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();

        // Only grabs in flight during the pause or the recovery after it were told to try later.
        long recoveredBy = pauseTo + RECOVERY.toNanos();
        List<Attempt> tryLater = attempts.stream().filter(Attempt::tryLater).toList();
        for (Attempt attempt : tryLater) {
            if (!attempt.inFlightBetween(pauseFrom, recoveredBy)) {
                fail(attempt.user() + " was told to try later " + millis(attempt.startedNanos() - pauseFrom)
                        + " ms after the pause began: " + attempt);
            }
        }
        long lastAfterPause = tryLater.stream().mapToLong(a -> a.startedNanos() - pauseTo).max().orElse(Long.MIN_VALUE);
        Map<String, Long> answered = new HashMap<>();
        long empty = 0;
        for (Attempt attempt : attempts) {
            if (attempt.tryLater()) {
                continue;
            }
            switch (attempt.answer().outcome()) {
                case GRABBED -> {
                    assertTrue(!attempt.answer().repeat(), attempt.toString());
                    answered.put(attempt.user(), attempt.answer().amountCents());
                }
                case EMPTY -> empty++;
                default -> fail(attempt.toString());
            }
        }

        // Once settled, MySQL holds every share Redis gave, each to one user, and the sums are exact.
        packets.settled(packet.id());
        Map<String, Long> recorded = packets.grabbed(packet.id());
        assertEquals(packets.redisGrabbed(packet.id()), recorded);
        answered.forEach((user, cents) -> assertEquals(cents, recorded.get(user), user));
        long remaining = Long.parseLong(packets.meta(packet.id()).get("remaining_cents"));
        long remainingCount = Long.parseLong(packets.meta(packet.id()).get("remaining_count"));
        assertEquals(AMOUNT, packets.grabbedSum(packet.id()) + remaining);
        assertEquals(SHARES, recorded.size() + remainingCount);
        assertEquals(remainingCount, packets.queued(packet.id()));

        // A grab whose answer Redis gave too late took its share all the same: the retry shows it, once.
        List<Attempt> lateTakers = tryLater.stream().filter(a -> recorded.containsKey(a.user())).toList();
        for (Attempt attempt : lateTakers) {
            GrabResult again = packets.grab(attempt.user(), packet.id());
            assertEquals(GrabOutcome.GRABBED, again.outcome(), again.toString());
            assertTrue(again.repeat(), again.toString());
            assertEquals(recorded.get(attempt.user()), again.amountCents());
        }
        System.out.printf(
                "redis hiccup: %d grabs, %d granted, %d empty, %d try-later (%d of them took a share late), "
                        + "last try-later started %s ms after the pause ended%n",
                attempts.size(), answered.size(), empty, tryLater.size(), lateTakers.size(),
                tryLater.isEmpty() ? "-" : Long.toString(millis(lastAfterPause)));
        assertTrue(remainingCount > 0, "the packet outlasted the run");
    }

    @Test
    void aGrabRedisRanTooLateToAnswerIsRecordedEvenIfNobodyElseGrabs() throws Exception {
        PacketSent packet = packets.send("late-boss", 300, 3, "equal", null);
        pauseRedis(LATE_PAUSE_MS);
        GrabResult answer = packets.grab("late-taker", packet.id());
        assertEquals(GrabOutcome.TRY_LATER, answer.outcome(), answer.toString());

        // Redis runs the grab once it resumes: the share is taken though no answer named it. No other grab marks
        // the packet, yet the settle job finds it and MySQL records it.
        await().atMost(Packets.PATIENCE).until(() -> packets.redisGrabbed(packet.id()).containsKey("late-taker"));
        packets.settled(packet.id());
        assertEquals(Map.of("late-taker", 100L), packets.grabbed(packet.id()));
        GrabResult again = packets.grab("late-taker", packet.id());
        assertEquals(GrabOutcome.GRABBED, again.outcome(), again.toString());
        assertTrue(again.repeat());
        assertEquals(100, again.amountCents());
        assertEquals(200, Long.parseLong(packets.meta(packet.id()).get("remaining_cents")));
    }

    private static long pauseRedis(int ms) {
        return PrivateRedis.pause(Duration.ofMillis(ms));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}

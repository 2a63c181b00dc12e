package dev.surge.redpacket;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.redpacket.service.RedPacketService;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;

/**
 * A crowd on one packet against real Redis and MariaDB: every share goes to exactly one user, no user gets two,
 * and MySQL adds up to the amount sent. Grabs run through the service from many threads at once, as a fleet of
 * Lambda environments would run them (each serves one request at a time, so the HTTP adapter in tests
 * serialises; the service is where concurrent instances meet Redis and MySQL).
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class GrabConcurrencyTest {

    @Inject
    RedPacketService service;

    @Inject
    Packets packets;

    @Test
    void aThousandGrabsByThreeHundredUsersShareOneHundredSharesExactly() throws Exception {
        long amount = 88_888;
        PacketSent packet = packets.send("boss", amount, 100, "random", null);
        int users = 300;
        int grabs = 1000;

        Map<String, List<GrabResult>> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < grabs; i++) {
            String user = "crowd-" + (i % users);
            running.add(pool.submit(() -> {
                start.await();
                GrabResult answer = Packets.await(service.grab(Packets.user(user), packet.id()));
                answers.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(answer);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();

        Map<String, Long> winners = new ConcurrentHashMap<>();
        long firstGrabs = 0;
        for (var entry : answers.entrySet()) {
            Set<String> outcomes = new HashSet<>();
            Set<Long> amounts = new HashSet<>();
            for (GrabResult answer : entry.getValue()) {
                outcomes.add(answer.outcome().value());
                if (answer.amountCents() != null) {
                    amounts.add(answer.amountCents());
                }
                if ("grabbed".equals(answer.outcome().value()) && !answer.repeat()) {
                    firstGrabs++;
                }
            }
            assertTrue(outcomes.equals(Set.of("grabbed")) || outcomes.equals(Set.of("empty")),
                    entry.getKey() + " was answered " + entry.getValue());
            if (outcomes.contains("grabbed")) {
                assertEquals(1, amounts.size(), "every answer to " + entry.getKey() + " names the same share");
                winners.put(entry.getKey(), amounts.iterator().next());
            }
        }
        assertEquals(grabs, answers.values().stream().mapToInt(List::size).sum());
        assertEquals(100, winners.size());
        assertEquals(100, firstGrabs, "one first grab per winner; the rest were repeats");
        assertEquals(amount, winners.values().stream().mapToLong(Long::longValue).sum());

        // MySQL agrees with every answer, to the cent.
        assertEquals(winners, packets.grabbed(packet.id()));
        assertEquals(100, packets.grabbedCount(packet.id()));
        assertEquals(amount, packets.grabbedSum(packet.id()));
        assertEquals(0, packets.unrecorded(packet.id()));
        assertEquals(0, packets.queued(packet.id()));
        assertEquals("0", packets.meta(packet.id()).get("remaining_cents"));
        assertEquals("0", packets.meta(packet.id()).get("remaining_count"));
    }

    /** The same user grabbing five times at once, from five instances: one grab, and five answers naming it. */
    private List<GrabResult> fiveAtOnce(String user, String packetId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<GrabResult>> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            running.add(pool.submit(() -> {
                start.await();
                return Packets.await(service.grab(Packets.user(user), packetId));
            }));
        }
        start.countDown();
        List<GrabResult> answers = new ArrayList<>();
        for (Future<GrabResult> f : running) {
            answers.add(f.get());
        }
        pool.shutdown();
        return answers;
    }

    @Test
    void fiveGrabsAtOnceByOneUserAreAnsweredAlikeWhetherTheyGetAShareOrComeTooLate() throws Exception {
        PacketSent packet = packets.send("twin-boss", 1000, 2, "random", null);

        List<GrabResult> lucky = fiveAtOnce("twin-lucky", packet.id());
        assertEquals(Set.of(GrabOutcome.GRABBED), lucky.stream().map(GrabResult::outcome).collect(toSet()), lucky.toString());
        assertEquals(1, lucky.stream().map(GrabResult::amountCents).distinct().count(), "one share: " + lucky);
        assertEquals(1, lucky.stream().filter(a -> !a.repeat()).count(), "one first grab, four repeats: " + lucky);
        long share = lucky.get(0).amountCents();

        assertEquals(GrabOutcome.GRABBED, packets.grab("twin-second", packet.id()).outcome());
        List<GrabResult> late = fiveAtOnce("twin-late", packet.id());
        assertEquals(1, new HashSet<>(late).size(), "five identical answers: " + late);
        assertEquals(GrabOutcome.EMPTY, late.get(0).outcome());

        packets.settled(packet.id());
        assertEquals(share, packets.grabbed(packet.id()).get("twin-lucky"));
        assertEquals(2, packets.grabbedCount(packet.id()));
        assertEquals(1000, packets.grabbedSum(packet.id()));
    }
}

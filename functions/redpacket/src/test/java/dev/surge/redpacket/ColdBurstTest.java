package dev.surge.redpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.redpacket.service.RedPacketService;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rest.ProblemMapper;
import dev.surge.shared.testing.LocalServices;

/**
 * The first crowd a freshly started function meets, with production budgets: the start-up warm-up must have left
 * it as ready as a warm one. 300 users each grab twice, all at once, the moment the packet is sent; almost every
 * answer is a real one, the shares add up to the cent, and a user's second answer names the share of the first.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@TestProfile(ColdBurstTest.Fresh.class)
class ColdBurstTest {

    /** Changes nothing: a profile of its own only makes Quarkus start the function afresh for this class. */
    public static class Fresh implements QuarkusTestProfile {
    }

    private static final long AMOUNT = 100_003;
    private static final int SHARES = 100;
    private static final int USERS = 300;
    private static final int THREADS = 64;

    /** One answer, or the 503 a full bulkhead gives. */
    private record Reply(GrabResult answer, Refusal refused) {

        boolean real() {
            return answer != null && !GrabOutcome.TRY_LATER.equals(answer.outcome());
        }
    }

    @Inject
    RedPacketService service;

    @Inject
    Packets packets;

    @Test
    void aFreshFunctionAnswersItsFirstCrowdForRealAndToTheCent() throws Exception {
        PacketSent packet = packets.send("cold-boss", AMOUNT, SHARES, "random", null);
        List<String> grabs = new ArrayList<>(2 * USERS);
        for (int u = 0; u < USERS; u++) {
            grabs.add("cold-" + u);
            grabs.add("cold-" + u);
        }
        Collections.shuffle(grabs, new Random(42));

        Map<String, List<Reply>> replies = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (String user : grabs) {
            running.add(pool.submit(() -> {
                start.await();
                Reply reply;
                try {
                    reply = new Reply(Packets.await(service.grab(Packets.user(user), packet.id())), null);
                } catch (Refusal e) {
                    if (ProblemMapper.status(e.reason()) != 503) {
                        throw e;
                    }
                    reply = new Reply(null, e);
                }
                replies.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(reply);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();

        List<Reply> all = replies.values().stream().flatMap(List::stream).toList();
        long real = all.stream().filter(Reply::real).count();
        long tryLater = all.stream()
                .filter(r -> r.answer() != null && GrabOutcome.TRY_LATER.equals(r.answer().outcome()))
                .count();
        long refused = all.stream().filter(r -> r.refused() != null).count();
        Map<String, Long> answeredShares = new HashMap<>();
        for (var entry : replies.entrySet()) {
            List<GrabResult> answers = entry.getValue().stream().filter(Reply::real).map(Reply::answer).toList();
            if (answers.size() == 2) {
                GrabResult first = answers.get(0);
                GrabResult second = answers.get(1);
                assertEquals(first.outcome(), second.outcome(), entry.getKey() + " was answered " + answers);
                assertEquals(first.amountCents(), second.amountCents(), entry.getKey() + " was answered " + answers);
            }
            for (GrabResult answer : answers) {
                if (GrabOutcome.GRABBED.equals(answer.outcome())) {
                    answeredShares.put(entry.getKey(), answer.amountCents());
                } else if (!GrabOutcome.EMPTY.equals(answer.outcome())) {
                    fail(entry.getKey() + " was answered " + answer);
                }
            }
        }
        System.out.printf("cold burst: %d answers, %d real (%.2f%%), %d try-later, %d refused 503, %d shares answered%n",
                all.size(), real, 100.0 * real / all.size(), tryLater, refused, answeredShares.size());

        assertEquals(2 * USERS, all.size());
        assertTrue(real >= all.size() * 99 / 100, real + " of " + all.size() + " answers were real");

        // Exactly the shares sent were taken, to the cent, and MySQL agrees with every answer.
        packets.settled(packet.id());
        Map<String, Long> recorded = packets.grabbed(packet.id());
        assertEquals(SHARES, recorded.size());
        assertEquals(recorded, packets.redisGrabbed(packet.id()));
        answeredShares.forEach((user, cents) -> assertEquals(cents, recorded.get(user), user));
        long remaining = Long.parseLong(packets.meta(packet.id()).get("remaining_cents"));
        assertEquals(AMOUNT, packets.grabbedSum(packet.id()) + remaining);
        assertEquals(0, remaining);
        assertEquals("0", packets.meta(packet.id()).get("remaining_count"));
        assertEquals(0, packets.queued(packet.id()));
    }
}

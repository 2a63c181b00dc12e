package dev.surge.draw;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.draw.service.DrawService;
import dev.surge.draw.service.PendingSettler;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.PrivateRedis;
import dev.surge.shared.testing.Sql;

/**
 * Dependencies that hiccup, a crowd larger than the process, and repeats sent together, with the production
 * fault-tolerance settings. Redis is a server of the test's own, so pausing it stalls no other suite.
 */
@QuarkusTest
@TestProfile(DrawHiccupTest.OwnRedis.class)
class DrawHiccupTest {

    private static final Duration PAUSE = Duration.ofMillis(1500);
    private static final Duration FREEZE = Duration.ofSeconds(2);
    /** After a fault ends, the breaker's delay (500 ms) plus one call's timeout (150 ms), rounded up to 1 s. */
    private static final Duration RECOVERY = Duration.ofSeconds(1);

    /**
     * The shared services with a Redis of this class's own, and the catalog as in production (revalidated each
     * second, served stale while Redis cannot be read); the sweeper may settle draws at once, and the
     * campaign-wide admission rate, a business limit, is lifted so every answer here is about the fault.
     */
    public static class OwnRedis implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalServices.class, Map.of(LocalServices.SCHEMA, "true")),
                    new TestResourceEntry(PrivateRedis.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surge.draw.settle-after", "0s", "surge.draw.admissions-per-second", "0",
                    "surge.catalog.revalidate-after", "1s", "surge.catalog.serve-stale-for", "10s");
        }
    }

    @Inject
    DrawService service;

    @Inject
    PendingSettler settler;

    @Inject
    Raffles raffles;

    @Inject
    CampaignCatalog catalog;

    @Inject
    MeterRegistry registry;

    /** The catalog is revalidated each second, as in production: wait until it shows the new raffles. */
    private void awaitPublished(Campaign... campaigns) {
        List<Long> ids = java.util.Arrays.stream(campaigns).map(Campaign::id).toList();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> catalog.only(ids).await().atMost(Crowd.PATIENCE).size() == ids.size());
    }

    /**
     * A fault test measures from a process that serves: a breaker another test left open, or a crowd it left
     * queued, is waited out first, so what the run counts is the fault's own cost.
     */
    private void awaitServing(Campaign raffle) {
        AtomicInteger probe = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            int n = probe.incrementAndGet();
            return Crowd.ask(service, raffle.id(), new Crowd.Draw("before-" + n, "before-" + n)).real();
        });
    }

    @Test
    void concurrentRepeatsOfOneKeyGetIdenticalAnswersWhateverDecided() throws Exception {
        Campaign winning = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("watch", 1, 10));
        Campaign losing = raffles.create(0, 1_000_000, ParticipationLimit.NONE, new Raffles.PrizeSpec("unlikely", 1, 10));
        Campaign empty = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("gone", 1, 0));
        Campaign closed = raffles.create(1, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("hidden", 1, 10));
        Campaign limited = raffles.create(0, 1, new ParticipationLimit(1, null), new Raffles.PrizeSpec("rare", 1, 10));
        awaitPublished(winning, losing, empty, closed, limited);
        // The prize of "empty" is known sold out once, so its repeats are answered from this instance's memory.
        Crowd.ask(service, empty.id(), new Crowd.Draw("someone-else", "first"));
        Crowd.ask(service, limited.id(), new Crowd.Draw("repeater", "used-my-draw"));

        Map<Campaign, String> expected = Map.of(winning, "won", losing, "lost", empty, "sold-out", closed,
                "not-this-time", limited, "limited");
        for (Map.Entry<Campaign, String> c : expected.entrySet()) {
            List<Crowd.Draw> same = Collections.nCopies(5, new Crowd.Draw("repeater", "the-same-key"));
            List<Crowd.Answer> answers = Crowd.send(service, c.getKey().id(), same, 5);
            Crowd.Answer first = answers.get(0);
            assertEquals(c.getValue(), first.outcome(), "answers: " + answers);
            for (Crowd.Answer a : answers) {
                assertEquals(first.outcome(), a.outcome(), "answers: " + answers);
                assertEquals(first.drawId(), a.drawId(), "answers: " + answers);
                assertEquals(first.prizeId(), a.prizeId(), "answers: " + answers);
            }
            // And a later repeat, once the first has settled, still says the same.
            Crowd.Answer later = Crowd.ask(service, c.getKey().id(), new Crowd.Draw("repeater", "the-same-key"));
            assertEquals(first.outcome(), later.outcome(), c.getValue());
            assertEquals(first.drawId(), later.drawId(), c.getValue());
        }
        assertEquals(1, raffles.grants(winning.id()));
    }

    @Test
    void aRedisPauseCostsOnlyItsOwnSecondsPlusOne() throws Exception {
        // No unit to win, so every draw is Redis's alone: a winner's MySQL budget is the freeze test's concern.
        Campaign raffle = raffles.create(0, 99, ParticipationLimit.NONE, new Raffles.PrizeSpec("mug", 1, 0));
        awaitPublished(raffle);
        awaitServing(raffle);
        Run run = new Run(service, raffle.id(), 16, Duration.ofSeconds(5));
        run.at(Duration.ofMillis(1500), () -> PrivateRedis.pause(PAUSE));
        List<Crowd.Answer> answers = run.go();
        long faultStart = run.startNanos + Duration.ofMillis(1500).toNanos();
        long faultEnd = faultStart + PAUSE.toNanos();
        report("redis pause", answers, run.startNanos, faultStart, faultEnd);
        assertOnlyDuring(answers, faultStart, faultEnd);
        assertEquals(0, raffles.grants(raffle.id()));
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
    }

    @Test
    void aMysqlFreezeCostsWinnersOnlyItsOwnSecondsAndEveryDrawSettles() throws Exception {
        Campaign raffle = raffles.create(0, 0, ParticipationLimit.NONE, new Raffles.PrizeSpec("cap", 1, 100_000));
        awaitPublished(raffle);
        awaitServing(raffle);
        long prize = raffle.draw().prizes().get(0).id();
        Run run = new Run(service, raffle.id(), 8, Duration.ofSeconds(4));
        run.at(Duration.ofSeconds(1), () -> Sql.exec(raffles.database(),
                "LOCK TABLES prize_grant WRITE; SELECT SLEEP(" + FREEZE.toSeconds() + "); UNLOCK TABLES"));
        List<Crowd.Answer> answers = run.go();
        long faultStart = run.startNanos + Duration.ofSeconds(1).toNanos();
        long faultEnd = faultStart + FREEZE.toNanos();
        report("mysql freeze", answers, run.startNanos, faultStart, faultEnd);
        // A winner whose grant met the frozen table is told "pending" or "try later" (no grant, unit back).
        List<Crowd.Answer> undecided = answers.stream()
                .filter(a -> !a.real() || "pending".equals(a.outcome()))
                .toList();
        long grace = Duration.ofMillis(600).toNanos();
        for (Crowd.Answer a : undecided) {
            assertTrue(a.sentNanos() >= faultStart - grace && a.sentNanos() <= faultEnd + RECOVERY.toNanos(),
                    "undecided outside the freeze: sent " + (a.sentNanos() - faultStart) / 1_000_000
                            + " ms after it began: " + a);
        }
        settler.sweep().await().atMost(Crowd.PATIENCE);
        long won = answers.stream().filter(a -> "won".equals(a.outcome())).count();
        long grants = raffles.grants(raffle.id());
        assertTrue(grants >= won, grants + " grants for " + won + " winners");
        assertEquals(0, raffles.pending(raffle.id()), "every pending draw settled");
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
        assertEquals(100_000, grants + raffles.mysqlStock(prize));
        assertEquals(raffles.mysqlStock(prize), raffles.redisStock(raffle.id(), prize));
    }

    @Test
    void aCrowdLargerThanTheProcessIsToldBusyAtOnceAndTheRestAreServed() throws Exception {
        Campaign raffle = raffles.create(0, 9, ParticipationLimit.NONE, new Raffles.PrizeSpec("pen", 1, 100));
        awaitPublished(raffle);
        double openedBefore = breakerFallbacks();
        List<Crowd.Draw> draws = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            draws.add(new Crowd.Draw("crowd-" + i, "key-" + i));
        }
        List<Crowd.Answer> answers = Crowd.send(service, raffle.id(), draws, 256);
        Map<String, Integer> outcomes = Crowd.outcomes(answers);
        long busy = outcomes.getOrDefault("http-503", 0);
        long tryLater = outcomes.getOrDefault("try-later", 0);
        long real = answers.stream().filter(Crowd.Answer::real).count();
        System.out.printf("overload: 2000 draws over 256 threads: %d real, %d busy, %s%n", real, busy, outcomes);
        // Told busy at once (503), and a healthy Redis is never blamed for the process's own crowd: no breaker
        // opens. A few draws may still outlast their timeout when the 256 calling threads, on the same two cores,
        // starve the function's event loops (at most 1%).
        assertEquals(0, breakerFallbacks() - openedBefore, "breakers opened on a healthy Redis: " + outcomes);
        assertTrue(tryLater <= answers.size() / 100, "answers: " + outcomes);
        assertEquals(2000, real + busy + tryLater, "answers: " + outcomes);
        // At least what the bulkhead admits at once (64 running, 64 waiting) is served.
        assertTrue(real >= 128, "the process keeps serving: " + outcomes);
        assertEquals(0, raffles.duplicateGrants(raffle.id()));
    }

    /** Draws answered "try later" because a breaker was open. */
    private double breakerFallbacks() {
        return registry.find("surge.fallbacks")
                .tag("function", "draw")
                .tag("reason", "CircuitBreakerOpenException")
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static void assertOnlyDuring(List<Crowd.Answer> answers, long faultStart, long faultEnd) {
        long inFlight = Duration.ofMillis(200).toNanos();
        for (Crowd.Answer a : answers) {
            if (!a.real()) {
                assertTrue(a.answeredNanos() >= faultStart - inFlight && a.sentNanos() <= faultEnd + RECOVERY.toNanos(),
                        "refused outside the fault and its second: sent " + (a.sentNanos() - faultStart) / 1_000_000
                                + " ms after it began: " + a);
            }
        }
    }

    private static void report(String fault, List<Crowd.Answer> answers, long start, long faultStart, long faultEnd) {
        long refused = answers.stream().filter(a -> !a.real()).count();
        long lastRefused = answers.stream().filter(a -> !a.real()).mapToLong(Crowd.Answer::sentNanos).max().orElse(faultEnd);
        System.out.printf("%s: %d draws, %d not real (%.1f%%), last refused draw sent %d ms after the fault ended, %s%n",
                fault, answers.size(), refused, 100.0 * refused / answers.size(), (lastRefused - faultEnd) / 1_000_000,
                Crowd.outcomes(answers));
    }

    /** Draws by fresh users and keys from a few threads for a while, with one fault injected on the way. */
    private static final class Run {

        private final DrawService service;
        private final long campaignId;
        private final int threads;
        private final Duration length;
        private final AtomicInteger next = new AtomicInteger();
        private Duration faultAt;
        private Runnable fault;
        long startNanos;

        Run(DrawService service, long campaignId, int threads, Duration length) {
            this.service = service;
            this.campaignId = campaignId;
            this.threads = threads;
            this.length = length;
        }

        void at(Duration when, Runnable what) {
            this.faultAt = when;
            this.fault = what;
        }

        List<Crowd.Answer> go() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            ScheduledExecutorService injector = Executors.newSingleThreadScheduledExecutor();
            startNanos = System.nanoTime();
            long end = startNanos + length.toNanos();
            Future<?> injected = injector.schedule(fault, faultAt.toNanos(), TimeUnit.NANOSECONDS);
            List<Future<List<Crowd.Answer>>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    List<Crowd.Answer> mine = new ArrayList<>();
                    while (System.nanoTime() - end < 0) {
                        int n = next.getAndIncrement();
                        mine.add(Crowd.ask(service, campaignId, new Crowd.Draw("run-" + n, "key-" + n)));
                    }
                    return mine;
                }));
            }
            List<Crowd.Answer> all = new ArrayList<>();
            for (Future<List<Crowd.Answer>> w : workers) {
                all.addAll(w.get());
            }
            injected.get();
            injector.shutdown();
            pool.shutdown();
            return all;
        }
    }
}

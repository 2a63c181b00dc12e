package dev.surge.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.qr.config.QrConfig;
import dev.surge.qr.service.BindingSettler;
import dev.surge.qr.service.CodePool;
import dev.surge.qr.service.PoolRefill;
import dev.surge.qr.service.ScanResolver;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rest.ProblemMapper;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;

/**
 * The allocation invariants under real concurrency against real Redis, MariaDB and the fake upstream: a pool of
 * 1,000 codes meets 2,000 allocations at once. Allocations run through the service from many threads, as a
 * fleet of Lambda environments would run them (the HTTP adapter in tests serialises requests).
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class AllocationConcurrencyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int LIMIT = 500;

    @Inject
    CodePool pool;

    @Inject
    ScanResolver resolver;

    @Inject
    PoolRefill refill;

    @Inject
    BindingSettler settler;

    @Inject
    QrConfig config;

    @Inject
    Codes codes;

    FakeWeChat upstream;

    @AfterEach
    void release() {
        MovableClockProducer.clockInUse().release();
    }

    @Test
    void twoThousandAllocationsAgainstAThousandCodesBindEachCodeOnceAndStayWithinTheLimit() throws Exception {
        upstream.useClock(MovableClockProducer.clockInUse());
        codes.drain("share");
        // Quiet minutes of refill (two, unless a code failed to be made): the whole limit in each, not one more.
        for (int minute = 0; minute < 4 && codes.level("share") < 1000; minute++) {
            Instant at = Minutes.quiet();
            MovableClockProducer.clockInUse().pin(at);
            RefilledPool run = refill.refill(Optional.of("share")).await().atMost(PATIENCE).pools().get(0);
            assertTrue(run.minted() + run.failed() <= LIMIT, run.toString());
            assertTrue(upstream.madeIn(at.toEpochMilli()) <= LIMIT);
            assertEquals(0, upstream.refusedIn(at.toEpochMilli()));
        }
        assertEquals(1000, codes.level("share"));

        // Live demand in a fresh minute: 1,000 codes from the pool, then on the spot within the limit.
        Instant burst = Minutes.day();
        MovableClockProducer.clockInUse().pin(burst);
        int callers = 2000;
        Map<String, Allocation> answers = new ConcurrentHashMap<>();
        Map<String, Binding> asked = new ConcurrentHashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String user = "user-" + i;
            Binding binding = new Binding("pages/goods/detail", Map.of("item", "sku-" + i, "from", user), "share");
            asked.put(user, binding);
            running.add(threads.submit(() -> {
                start.await();
                try {
                    answers.put(user, pool.allocate(Codes.user(user), "conc-key-" + user, binding).await().atMost(PATIENCE));
                } catch (Refusal refused) {
                    synchronized (refusals) {
                        refusals.add(refused);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : running) {
            f.get();
        }

        Map<CodeSource, Long> bySource = new HashMap<>();
        answers.values().forEach(a -> bySource.merge(a.source(), 1L, Long::sum));
        long fromPool = bySource.getOrDefault(CodeSource.POOL, 0L);
        long onTheSpot = bySource.getOrDefault(CodeSource.ON_THE_SPOT, 0L);
        for (Refusal refused : refusals) {
            assertEquals(503, ProblemMapper.status(refused.reason()));
            assertTrue(refused.retryAfter().isPresent());
        }
        // A refusal is "the limit is reached", or (on a machine too slow for the test budgets) a fallback.
        long overLimit = refusals.stream().filter(r -> r.getMessage().contains("rate limit is reached")).count();
        long fellBack = refusals.size() - overLimit;
        String tally = "sources " + bySource + ", over the limit " + overLimit + ", fell back " + fellBack
                + ", made upstream " + upstream.madeIn(burst.toEpochMilli());
        assertEquals(callers, answers.size() + refusals.size());
        // Every pooled code went to exactly one caller; the rest were made on the spot up to the upstream limit of
        // the minute, and refused with 503 beyond it.
        assertEquals(0, codes.level("share"));
        assertTrue(fromPool <= 1000 && fromPool >= 1000 - fellBack, tally);
        assertTrue(onTheSpot <= LIMIT && onTheSpot >= LIMIT - fellBack, tally);
        assertTrue(upstream.madeIn(burst.toEpochMilli()) <= LIMIT);
        assertTrue(upstream.madeIn(burst.toEpochMilli()) >= onTheSpot);
        assertEquals(0, upstream.refusedIn(burst.toEpochMilli()), "the upstream never had to say no");
        assertEquals(callers - fromPool - onTheSpot, overLimit + fellBack, tally);
        assertTrue(overLimit >= callers - 1000 - LIMIT - fellBack, tally);

        // No code went to two callers, in the answers or in MySQL.
        assertEquals(answers.size(), answers.values().stream().map(Allocation::requestId).distinct().count());
        Map<String, String> holders = new HashMap<>();
        codes.rows("SELECT request_id, user_id FROM qr_code WHERE status = 'bound' AND idempotency_key LIKE 'conc-key-%'")
                .forEach(row -> holders.put(row.get(0), row.get(1)));
        assertEquals(answers.size(), holders.size());
        answers.forEach((user, answer) -> assertEquals(user, holders.get(answer.requestId()), answer.requestId()));
        // A binding whose MySQL answer came too late for its caller (a slow machine) stays marked unrecorded in
        // Redis although the row is written; the settler, on its schedule in production, confirms each one.
        long leftToSettle = codes.unrecorded("share");
        MovableClockProducer.clockInUse().pin(burst.plus(config.settleAfter()).plusSeconds(1));
        long settled = 0;
        for (int round = 0; round < 10 && codes.unrecorded("share") > 0; round++) {
            SettleRun run = settler.settle().await().atMost(PATIENCE);
            assertEquals(0, run.dropped(), run.toString());
            settled += run.recorded();
        }
        assertEquals(leftToSettle, settled, tally);
        assertEquals(0, codes.unrecorded("share"), "every binding is recorded in MySQL");

        // Every bound code resolves to what its caller asked for.
        List<Future<?>> scans = new ArrayList<>();
        answers.forEach((user, answer) -> scans.add(threads.submit(() -> {
            Binding resolved = resolver.resolve(answer.requestId()).await().atMost(PATIENCE);
            assertEquals(asked.get(user).page(), resolved.page());
            assertEquals(asked.get(user).params(), resolved.params());
            return null;
        })));
        for (Future<?> f : scans) {
            assertNotNull(f);
            f.get();
        }
        threads.shutdown();
    }
}

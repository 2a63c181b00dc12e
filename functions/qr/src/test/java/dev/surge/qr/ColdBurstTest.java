package dev.surge.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.qr.service.CodePool;
import dev.surge.qr.service.ScanResolver;
import dev.surge.shared.testing.AtOnce;
import dev.surge.shared.testing.LocalServices;

/**
 * "The first minute is the campaign": a function that has just started, hit by a crowd at once, answers as a warm
 * one would. A fresh start (a profile of its own) finds codes bound and pooled by the test alone, so nothing of the
 * function has run; then thousands of scans of bound codes (most cached in Redis, some only in MySQL) and hundreds
 * of allocations at once, as many in flight as an entry bulkhead admits. Through the services from many threads,
 * as a fleet of Lambda environments would run them (the HTTP adapter in tests serialises requests).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
@TestProfile(ColdBurstTest.FreshStart.class)
class ColdBurstTest {

    /** No overrides: a profile of its own only makes this test start the function afresh. */
    public static class FreshStart implements QuarkusTestProfile {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String POOL = "share";
    private static final int BOUND = 500;
    /** Bound codes whose binding only MySQL has: their first scan reads it there and caches it again. */
    private static final int UNCACHED_EVERY = 10;
    private static final int POOLED = 400;
    private static final int USERS = 600;
    private static final int SCANS_PER_USER = 5;
    /** Every other user also asks for a code of their own. */
    private static final int ALLOCATING_EVERY = 2;
    /** As many callers as an entry bulkhead runs at once. */
    private static final int THREADS = 64;
    private static final int ROWS_PER_INSERT = 100;

    @Inject
    CodePool pool;

    @Inject
    ScanResolver resolver;

    @Inject
    Codes codes;

    /** The function's own mapper, so cached bindings read back as the function writes them. */
    @Inject
    ObjectMapper json;

    @Test
    void aFreshFunctionHitByACrowdAnswersAlmostEveryScanAndAllocation() throws Exception {
        Map<String, Binding> bound = seedBound();
        Set<String> pooled = seedPooled();

        Map<String, Allocation> allocated = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        List<Callable<String>> requests = new ArrayList<>();
        List<String> boundIds = List.copyOf(bound.keySet());
        for (int user = 0; user < USERS; user++) {
            for (int scan = 0; scan < SCANS_PER_USER; scan++) {
                String requestId = boundIds.get((user * SCANS_PER_USER + scan) % BOUND);
                requests.add(() -> {
                    Binding code = resolver.resolve(requestId).await().atMost(PATIENCE);
                    Binding expected = bound.get(requestId);
                    if (!expected.page().equals(code.page()) || !expected.params().equals(code.params())) {
                        wrong.add(requestId + " resolved to " + code);
                    }
                    return "scanned";
                });
            }
            if (user % ALLOCATING_EVERY == 0) {
                String userId = "cold-user-" + user;
                Binding binding = new Binding("pages/goods/detail", Map.of("from", userId), "share");
                requests.add(() -> {
                    Allocation code = pool.allocate(Codes.user(userId), "cold-key-" + userId, binding)
                            .await()
                            .atMost(PATIENCE);
                    allocated.put(userId, code);
                    return "allocated-" + code.source().wire();
                });
            }
        }
        // Scans and allocations interleaved, the same way on every run.
        Collections.shuffle(requests, new Random(7));

        AtOnce.Result crowd = AtOnce.run(requests, THREADS);
        Map<String, AtomicLong> outcomes = crowd.outcomes();
        long millis = crowd.millis();

        long real = outcomes.get("scanned").get()
                + outcomes.getOrDefault("allocated-" + CodeSource.POOL.wire(), new AtomicLong()).get();
        System.out.printf("cold burst: %d requests (%d scans, %d allocations) from %d users over %d threads in %d ms: %s%n",
                requests.size(), USERS * SCANS_PER_USER, USERS / ALLOCATING_EVERY, USERS, THREADS, millis, outcomes);
        assertEquals(List.of(), wrong, "every scan opens what its code was bound to");
        assertEquals(requests.size(), outcomes.values().stream().mapToLong(AtomicLong::get).sum());
        assertTrue(real >= requests.size() * 99L / 100, "real outcomes " + real + " of " + requests.size() + ": " + outcomes);

        // No code went to two callers, every code given was a pooled one, and MySQL agrees on who holds it (or the
        // settler still has it to record).
        Set<String> given = new HashSet<>();
        allocated.values().forEach(code -> assertTrue(given.add(code.requestId()), "given twice: " + code.requestId()));
        assertTrue(pooled.containsAll(given), "only pooled codes are handed out");
        Map<String, String> holders = new HashMap<>();
        codes.rows("SELECT request_id, user_id FROM qr_code WHERE status = 'bound' AND idempotency_key LIKE 'cold-key-%'")
                .forEach(row -> holders.put(row.get(0), row.get(1)));
        allocated.forEach((user, code) -> {
            String holder = holders.get(code.requestId());
            assertTrue(user.equals(holder) || holder == null, code.requestId() + " is held by " + holder + ", not " + user);
        });
        // An allocation told "try later" after its claim keeps the code for its retry: the settler records it.
        long claimed = holders.size() + codes.unrecorded(POOL);
        assertTrue(claimed >= allocated.size() && claimed <= USERS / ALLOCATING_EVERY, "claimed " + claimed);
        assertEquals(POOLED - claimed, codes.level(POOL), "a code leaves the pool only for a claim");
    }

    /** Codes bound before the start, as MySQL keeps them; all but a few are cached in Redis too. */
    private Map<String, Binding> seedBound() throws Exception {
        Map<String, Binding> bound = new HashMap<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < BOUND; i++) {
            String requestId = "cb" + String.format("%024d", i);
            Binding binding = new Binding("pages/landing/shared", Map.of("inviter", "owner-" + i, "campaign", "cold"),
                    "share");
            bound.put(requestId, binding);
            String params = json.writeValueAsString(binding.params());
            rows.add("('" + requestId + "', '" + POOL + "', 'wxacode', 'pages/landing/index', 'http://localhost/"
                    + requestId + ".png', 'bound', 'share', '" + binding.page() + "', '" + params + "', 'owner-" + i
                    + "', 'owner-key-" + i + "', NOW(3), NOW(3))");
            if (i % UNCACHED_EVERY != 0) {
                codes.cache(requestId, json.writeValueAsString(binding), 600);
            }
        }
        insert("request_id, pool, kind, landing, image_url, status, business_type, page, params, user_id,"
                + " idempotency_key, created_at, bound_at", rows);
        return bound;
    }

    /** Codes ready in the pool, in MySQL as 'pooled' and in the Redis pool, as a refill leaves them. */
    private Set<String> seedPooled() {
        Set<String> pooled = new HashSet<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < POOLED; i++) {
            String requestId = "cp" + String.format("%024d", i);
            String image = "http://localhost/" + requestId + ".png";
            pooled.add(requestId);
            rows.add("('" + requestId + "', '" + POOL + "', 'wxacode', 'pages/landing/index', '" + image
                    + "', 'pooled', NOW(3))");
            codes.push(POOL, requestId + "|" + image);
        }
        insert("request_id, pool, kind, landing, image_url, status, created_at", rows);
        return pooled;
    }

    private void insert(String columns, List<String> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<String> batch = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            codes.exec("INSERT INTO qr_code (" + columns + ") VALUES " + String.join(",", batch));
        }
    }
}

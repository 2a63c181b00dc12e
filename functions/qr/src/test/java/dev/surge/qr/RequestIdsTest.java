package dev.surge.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.qr.service.RequestIds;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClock;
import dev.surge.shared.testing.MovableClockProducer;

/** Request ids are well formed, unique under concurrency, and ordered by time, even with a stopped clock. */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class RequestIdsTest {

    @Inject
    RequestIds ids;

    private final MovableClock clock = MovableClockProducer.clockInUse();

    @AfterEach
    void release() {
        clock.release();
    }

    private List<String> take(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(ids.next().await().atMost(Duration.ofSeconds(5)));
        }
        return out;
    }

    @Test
    void idsFromManyThreadsAreUniqueWellFormedAndInOrderPerThread() throws Exception {
        // A stopped clock: every id falls in the same millisecond, so the sequence alone keeps them apart.
        clock.pin(Instant.parse("2031-06-01T00:00:00Z"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> batches = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            batches.add(threads.submit(() -> take(20_000)));
        }
        Set<String> all = new HashSet<>();
        for (Future<List<String>> batch : batches) {
            List<String> mine = batch.get();
            for (int i = 0; i < mine.size(); i++) {
                String id = mine.get(i);
                assertTrue(RequestIds.wellFormed(id), id);
                assertTrue(id.length() <= 32);
                if (i > 0) {
                    assertTrue(mine.get(i - 1).substring(0, 20).compareTo(id.substring(0, 20)) < 0,
                            "ordered: " + mine.get(i - 1) + " then " + id);
                }
            }
            all.addAll(mine);
        }
        threads.shutdown();
        assertEquals(160_000, all.size());

        // The clock steps back: ids keep moving forward.
        String before = take(1).get(0);
        clock.pin(Instant.parse("2031-05-31T23:59:00Z"));
        String after = take(1).get(0);
        assertTrue(before.substring(0, 20).compareTo(after.substring(0, 20)) < 0, before + " then " + after);
    }
}

package dev.surge.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.qr.redis.PoolStore;
import dev.surge.qr.service.BindingRules;
import dev.surge.qr.service.BindingSettler;
import dev.surge.qr.service.CodeMint;
import dev.surge.qr.service.CodePool;
import dev.surge.qr.service.ScanResolver;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rest.ProblemMapper;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClock;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.OnRedisCluster;

/**
 * Nothing is lost between Redis and MySQL, and MySQL's guard holds: a binding made in Redis by an instance that
 * died before MySQL heard of it is recorded by the settler; a code that shows up in a pool twice is still bound
 * only once.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class SettleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    PoolStore store;

    @Inject
    CodeMint mint;

    @Inject
    BindingRules rules;

    @Inject
    BindingSettler settler;

    @Inject
    CodePool pool;

    @Inject
    ScanResolver resolver;

    @Inject
    Codes codes;

    private final MovableClock clock = MovableClockProducer.clockInUse();

    @AfterEach
    void release() {
        clock.release();
    }

    @Test
    void aBindingOrphanedBetweenRedisAndMySQLIsRecordedByTheSettler() {
        codes.drain("poster");
        Instant now = Instant.now();
        clock.pin(now);
        PooledCode made = mint.mint("poster", rules.pool("poster"), MintPurpose.REFILL).await().atMost(PATIENCE);
        store.push("poster", List.of(made)).await().atMost(PATIENCE);
        // The instance claims the code and caches the binding, then dies before MySQL hears of it.
        Binding binding = new Binding("pages/event/entry", Map.of("seat", "A-12"), "poster");
        PendingBinding pending = new PendingBinding("orphan", "orphan-key-1", binding, now.toEpochMilli());
        Claim claim = store.claim("poster", pending, binding.fingerprint(), Optional.empty()).await().atMost(PATIENCE);
        assertEquals(made.requestId(), claim.requestId());
        store.cache(claim.requestId(), binding).await().atMost(PATIENCE);
        assertEquals(1, codes.count("request_id = '" + made.requestId() + "' AND status = 'pooled'"));

        // Too young to settle; past the settle age it is recorded, and settling again changes nothing.
        settler.settle().await().atMost(PATIENCE);
        assertEquals(1, codes.count("request_id = '" + made.requestId() + "' AND status = 'pooled'"));
        assertEquals(1, codes.unrecorded("poster"));
        clock.pin(now.plus(Duration.ofMinutes(5)));
        assertTrue(settler.settle().await().atMost(PATIENCE).recorded() >= 1);
        assertEquals(0, codes.unrecorded("poster"));
        assertEquals(1, codes.count("request_id = '" + made.requestId() + "' AND status = 'bound' AND user_id = 'orphan'"
                + " AND page = 'pages/event/entry' AND bound_at IS NOT NULL"));
        assertEquals(0, settler.settle().await().atMost(PATIENCE).recorded());

        // With Redis forgetting it, the scan is answered from MySQL.
        codes.forgetInRedis("poster", made.requestId(), "orphan", "orphan-key-1");
        Binding resolved = resolver.resolve(made.requestId()).await().atMost(PATIENCE);
        assertEquals(Map.of("seat", "A-12"), resolved.params());
    }

    @Test
    void aCodeThatShowsUpInThePoolTwiceIsNeverBoundTwice() {
        codes.drain("poster");
        Binding first = new Binding("pages/a", Map.of("who", "first"), "poster");
        Allocation taken = pool.allocate(Codes.user("first"), "first-key-1", first).await().atMost(PATIENCE);
        // A fault puts the bound code back in the pool, as the only code there.
        codes.push("poster", PooledCode.member(taken.requestId(), taken.imageUrl()));

        Binding second = new Binding("pages/b", Map.of("who", "second"), "poster");
        Refusal refused = assertThrows(Refusal.class,
                () -> pool.allocate(Codes.user("second"), "second-key-1", second).await().atMost(PATIENCE));
        assertEquals(503, ProblemMapper.status(refused.reason()));
        // MySQL kept the first holder, and scans still open the first target.
        assertEquals(1, codes.count("request_id = '" + taken.requestId() + "' AND user_id = 'first'"));
        assertEquals(Map.of("who", "first"), resolver.resolve(taken.requestId()).await().atMost(PATIENCE).params());
        assertEquals(0, codes.unrecorded("poster"));

        // The second caller's retry gets a code of its own.
        Allocation retried = pool.allocate(Codes.user("second"), "second-key-1", second).await().atMost(PATIENCE);
        assertNotEquals(taken.requestId(), retried.requestId());
        assertEquals(Map.of("who", "second"), resolver.resolve(retried.requestId()).await().atMost(PATIENCE).params());
        assertEquals(1, codes.count("user_id = 'second'"));
    }
}

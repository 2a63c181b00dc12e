package dev.surge.shared.warmup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;

/**
 * Makes a fresh function answer its first crowd as a warm one would. While the function initialises (in Lambda,
 * the init phase, before the runtime loop asks for an event), it opens every Redis connection its pool may use
 * and runs each {@link HotPathRehearsal}; until then {@code GET /v1/ping} answers 503, so a runner is not called
 * ready early. A failure here is logged, never fatal: the hot path connects on demand and has its fallbacks.
 */
@ApplicationScoped
public class WarmStart {

    private static final Logger LOG = Logger.getLogger(WarmStart.class);

    private final ReactiveRedisDataSource redis;
    private final Instance<HotPathRehearsal> rehearsals;
    private final WarmUpConfig config;
    private final int redisPoolSize;
    private volatile boolean warm;

    public WarmStart(ReactiveRedisDataSource redis, Instance<HotPathRehearsal> rehearsals, WarmUpConfig config,
            @ConfigProperty(name = "quarkus.redis.max-pool-size", defaultValue = "6") int redisPoolSize) {
        this.redis = redis;
        this.rehearsals = rehearsals;
        this.config = config;
        this.redisPoolSize = redisPoolSize;
    }

    /** Whether start-up has finished warming (successfully or not). */
    public boolean warm() {
        return warm;
    }

    // After the catalog preload (priority 1000 by default), so rehearsals find campaigns as requests will.
    void onStart(@Observes @Priority(5000) StartupEvent event) {
        long started = System.nanoTime();
        long deadline = started + config.budget().toNanos();
        try {
            openRedisPool(remaining(deadline));
            int rounds = 0;
            for (HotPathRehearsal rehearsal : rehearsals) {
                rounds += rehearse(rehearsal, deadline);
            }
            LOG.infof("warm in %d ms: %d Redis connections, %d rehearsal rounds", elapsedMillis(started),
                    redisPoolSize, rounds);
        } catch (RuntimeException e) {
            LOG.warnf("started before warming fully (%d ms): %s", elapsedMillis(started), e.toString());
        } finally {
            warm = true;
        }
    }

    /** As many PINGs at once as the pool holds connections: each one that finds no idle connection opens one. */
    private void openRedisPool(Duration within) {
        List<Uni<Void>> pings = new java.util.ArrayList<>(redisPoolSize);
        for (int i = 0; i < redisPoolSize; i++) {
            pings.add(redis.execute(Command.PING).replaceWithVoid());
        }
        Uni.join().all(pings).andFailFast().replaceWithVoid().await().atMost(within);
    }

    private int rehearse(HotPathRehearsal rehearsal, long deadline) {
        AtomicInteger done = new AtomicInteger();
        Multi.createFrom()
                .range(0, config.rounds())
                .select()
                .where(round -> System.nanoTime() - deadline < 0)
                .onItem()
                .transformToUni(round -> rehearsal.rehearse(round)
                        .onFailure()
                        .recoverWithNull()
                        .invoke(() -> done.incrementAndGet()))
                .merge(config.concurrency())
                .collect()
                .last()
                .await()
                .atMost(remaining(deadline));
        return done.get();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}

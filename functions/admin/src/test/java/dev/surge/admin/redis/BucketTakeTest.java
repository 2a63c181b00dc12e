package dev.surge.admin.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.redis.DrawBuckets;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;

/**
 * Taking stock from several buckets while draws take from them too: a take that finds a bucket emptier than it
 * planned puts back what it took from the others, so Redis never holds fewer units than were taken and recorded.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class BucketTakeTest {

    private static final long PRIZE = 7;

    @Inject
    PrizeStockStore stock;

    @Inject
    RedisKeys keys;

    @Inject
    RedisDataSource redis;

    private void set(DrawBuckets draw, long... units) {
        for (int b = 0; b < units.length; b++) {
            redis.value(Long.class).set(draw.bucket(b).stock(PRIZE), units[b]);
        }
    }

    @Test
    void aTakeRacedByADrawPutsBackWhatItTookAndTakesNothing() {
        DrawBuckets draw = keys.draw(900_001, 3);
        stock.initialise(draw, Map.of(PRIZE, 10L));
        assertEquals(List.of(4L, 3L, 3L), stock.readBuckets(draw, PRIZE));
        long[] plan = PrizeStockStore.plan(stock.readBuckets(draw, PRIZE), 6);
        // A draw wins two units of the last bucket after the plan was made.
        redis.value(Long.class).decrby(draw.bucket(2).stock(PRIZE), 2);

        assertFalse(stock.take(draw, PRIZE, plan));
        assertEquals(List.of(4L, 3L, 1L), stock.readBuckets(draw, PRIZE));

        // Planned afresh, the same take goes through.
        assertTrue(stock.take(draw, PRIZE, 6));
        assertEquals(List.of(1L, 1L, 0L), stock.readBuckets(draw, PRIZE));
        assertFalse(stock.take(draw, PRIZE, 3));
        assertEquals(2, stock.read(draw, PRIZE));
    }

    @Test
    void oneBucketIsTheCampaignsOwnCounter() {
        DrawBuckets draw = keys.draw(900_002, 1);
        set(draw, 5);
        assertEquals(5L, redis.value(Long.class).get(keys.campaign(900_002).stock(PRIZE)));
        assertTrue(stock.exists(draw, PRIZE));
        assertTrue(stock.take(draw, PRIZE, 5));
        assertFalse(stock.take(draw, PRIZE, 1));
        stock.add(draw, PRIZE, 2);
        assertEquals(2L, redis.value(Long.class).get(keys.campaign(900_002).stock(PRIZE)));
    }
}

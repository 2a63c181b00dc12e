package dev.surge.admin.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.vertx.mutiny.redis.client.Response;

import dev.surge.admin.config.AdminConfig;
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.redis.DrawBuckets;
import dev.surge.shared.redis.LuaScript;

/**
 * The Redis side of prize stock: the working counters the draw script decrements. MySQL stays the authority;
 * these calls move the counters along with it and put them back in line with it.
 *
 * <p>
 * A raffle's stock of a prize is split over its stock buckets ({@link DrawBuckets}), one counter each; the draw
 * takes from the user's bucket and borrows from the others when it runs dry. So what a prize has in Redis is the
 * sum over the buckets, and whatever is put in is spread over them in equal shares (the remainder one each to the
 * lowest buckets). With one bucket every call here touches exactly the campaign's own counter, as it always did.
 */
@ApplicationScoped
public class PrizeStockStore {

    private static final LuaScript TAKE = LuaScript.load("stock-take.lua");
    private static final LuaScript REPAIR = LuaScript.load("stock-repair.lua");

    /**
     * One stock bucket of a prize in a repair: its counter before, the units pending there whose grant MySQL has
     * not committed, and its counter after.
     */
    public record Bucket(int index, long before, long pending, long after) {
    }

    /** Result of a repair, bucket by bucket; the totals are what the prize as a whole held, had pending and holds. */
    public record Repair(List<Bucket> buckets) {

        public Repair {
            buckets = List.copyOf(buckets);
        }

        public long before() {
            return buckets.stream().mapToLong(Bucket::before).sum();
        }

        public long pending() {
            return buckets.stream().mapToLong(Bucket::pending).sum();
        }

        public long after() {
            return buckets.stream().mapToLong(Bucket::after).sum();
        }

        /** Whether any bucket's counter moved (a repair may move units between buckets and keep the total). */
        public boolean changed() {
            return buckets.stream().anyMatch(b -> b.before() != b.after());
        }
    }

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final AdminConfig config;

    public PrizeStockStore(RedisDataSource redis, ReactiveRedisDataSource reactive, AdminConfig config) {
        this.redis = redis;
        this.reactive = reactive;
        this.config = config;
    }

    /**
     * {@code units} in equal shares over {@code count} buckets, the remainder one each to the lowest buckets:
     * 10 over 3 is 4, 3, 3.
     */
    static long[] shares(long units, int count) {
        long[] shares = new long[count];
        for (int b = 0; b < count; b++) {
            shares[b] = units / count + (b < units % count ? 1 : 0);
        }
        return shares;
    }

    /**
     * What to take from each bucket to take {@code units} in all, from the fullest buckets first: they are brought
     * down to one level (the remainder leaving one unit more in the lowest buckets), so the stock left stays as
     * even as it can and draws borrow as little as possible. Null when the buckets hold fewer than {@code units}.
     */
    static long[] plan(List<Long> stock, long units) {
        long[] free = stock.stream().mapToLong(s -> Math.max(0, s)).toArray();
        long total = 0;
        long fullest = 0;
        for (long s : free) {
            total += s;
            fullest = Math.max(fullest, s);
        }
        if (total < units) {
            return null;
        }
        // The highest level the buckets above it can be brought down to and still give up the units.
        long low = 0;
        long high = fullest;
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (above(free, mid) >= units) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        long level = low;
        long excess = above(free, level) - units;
        long[] takes = new long[free.length];
        for (int b = 0; b < free.length; b++) {
            if (free[b] > level) {
                takes[b] = free[b] - level;
                if (excess > 0) {
                    // Fewer buckets lie above the level than units to spare, so one each settles the excess.
                    takes[b]--;
                    excess--;
                }
            }
        }
        return takes;
    }

    private static long above(long[] free, long level) {
        long sum = 0;
        for (long s : free) {
            sum += Math.max(0, s - level);
        }
        return sum;
    }

    /**
     * Creates the counters of prizes that have none yet (first publish, or a prize added since), each bucket with
     * its share of the prize's stock.
     */
    public void initialise(DrawBuckets draw, Map<Long, Long> stockByPrize) {
        stockByPrize.forEach((prize, stock) -> {
            long[] shares = shares(stock, draw.count());
            // Bucket 0 last: it is the one exists() reads, so a prize counts as live only once every bucket has its
            // counter, and a publish cut short is completed by the next one.
            for (int b = draw.count() - 1; b >= 0; b--) {
                redis.value(Long.class).set(draw.bucket(b).stock(prize), shares[b], new SetArgs().nx());
            }
        });
    }

    /** Whether the prize's stock is live in Redis: its first bucket's counter exists (created last). */
    public boolean exists(DrawBuckets draw, long prizeId) {
        return redis.key().exists(draw.bucket(0).stock(prizeId));
    }

    /** The prize's free units in Redis, summed over the buckets. */
    public long read(DrawBuckets draw, long prizeId) {
        return readBuckets(draw, prizeId).stream().mapToLong(Long::longValue).sum();
    }

    /** Each bucket's counter of the prize, by bucket index (0 for a counter that does not exist). */
    public List<Long> readBuckets(DrawBuckets draw, long prizeId) {
        List<Long> stock = new ArrayList<>(draw.count());
        for (int b = 0; b < draw.count(); b++) {
            // One GET each: the buckets' keys lie in different slots.
            Long units = redis.value(Long.class).get(draw.bucket(b).stock(prizeId));
            stock.add(units == null ? 0 : units);
        }
        return stock;
    }

    /**
     * Draws of the prize won in Redis and not yet settled, as members {@code prize|idempotency key|user} of the
     * buckets' pending sets. The grant of some may already be committed in MySQL.
     */
    public List<String> pending(DrawBuckets draw, long prizeId) {
        return pendingByBucket(draw, prizeId).stream().flatMap(List::stream).toList();
    }

    /** {@link #pending} bucket by bucket, by bucket index. */
    public List<List<String>> pendingByBucket(DrawBuckets draw, long prizeId) {
        String prefix = prizeId + "|";
        List<List<String>> pending = new ArrayList<>(draw.count());
        for (int b = 0; b < draw.count(); b++) {
            pending.add(redis.sortedSet(String.class)
                    .zrange(draw.bucket(b).pendingDraws(), 0, -1)
                    .stream()
                    .filter(member -> member.startsWith(prefix))
                    .toList());
        }
        return pending;
    }

    /**
     * Adds units, spread over the buckets, and clears the prize's "drained" markers, so a bucket that found every
     * other one empty looks again at once instead of answering "sold out" until its marker expires.
     */
    public void add(DrawBuckets draw, long prizeId, long units) {
        long[] shares = shares(units, draw.count());
        for (int b = 0; b < draw.count(); b++) {
            if (shares[b] != 0) {
                redis.value(Long.class).incrby(draw.bucket(b).stock(prizeId), shares[b]);
            }
        }
        clearDrained(draw, prizeId);
    }

    /**
     * Takes units out of circulation if that many are free in Redis, from the fullest buckets. A draw may take a
     * planned unit first; then what this call took is put back and nothing is taken, so Redis never holds fewer
     * units than were taken and recorded, nor fewer than none.
     */
    public boolean take(DrawBuckets draw, long prizeId, long units) {
        long[] plan = plan(readBuckets(draw, prizeId), units);
        return plan != null && take(draw, prizeId, plan);
    }

    /** Takes what {@code plan} says from each bucket, all of it or, when a bucket has too few left, none. */
    boolean take(DrawBuckets draw, long prizeId, long[] plan) {
        long[] taken = new long[draw.count()];
        for (int b = 0; b < draw.count(); b++) {
            if (plan[b] == 0) {
                continue;
            }
            long left = run(TAKE, List.of(draw.bucket(b).stock(prizeId)), List.of(Long.toString(plan[b]))).toLong();
            if (left < 0) {
                putBack(draw, prizeId, taken);
                return false;
            }
            taken[b] = plan[b];
        }
        return true;
    }

    private void putBack(DrawBuckets draw, long prizeId, long[] taken) {
        for (int b = 0; b < taken.length; b++) {
            if (taken[b] != 0) {
                redis.value(Long.class).incrby(draw.bucket(b).stock(prizeId), taken[b]);
            }
        }
    }

    /**
     * Sets the buckets' counters so that together they hold the MySQL stock less the units pending in Redis whose
     * grant MySQL does not hold (a pending draw in {@code committed} has taken its unit from MySQL already). The
     * caller holds the prize's MySQL row lock, so no grant commits meanwhile.
     *
     * <p>
     * The free units are shared out evenly and each bucket is set, atomically with a count of its own pending
     * draws, to its share plus the pending units counted here: a draw that wins a unit in between moves it from
     * that bucket's stock to its pending set, and the script, counting again, still leaves the bucket right.
     */
    public Repair repair(DrawBuckets draw, long prizeId, long mysqlStock, Collection<String> committed) {
        Set<String> granted = Set.copyOf(committed);
        List<List<String>> pending = pendingByBucket(draw, prizeId);
        long[] uncommitted = new long[draw.count()];
        long totalPending = 0;
        for (int b = 0; b < draw.count(); b++) {
            uncommitted[b] = pending.get(b).stream().filter(member -> !granted.contains(member)).count();
            totalPending += uncommitted[b];
        }
        long[] shares = shares(Math.max(0, mysqlStock - totalPending), draw.count());
        List<Bucket> buckets = new ArrayList<>(draw.count());
        for (int b = 0; b < draw.count(); b++) {
            CampaignKeys bucket = draw.bucket(b);
            List<String> args = new ArrayList<>(List.of(Long.toString(shares[b] + uncommitted[b]), Long.toString(prizeId)));
            pending.get(b).stream().filter(granted::contains).forEach(args::add);
            Response reply = run(REPAIR, List.of(bucket.stock(prizeId), bucket.pendingDraws()), args);
            buckets.add(new Bucket(b, reply.get(0).toLong(), reply.get(1).toLong(), reply.get(2).toLong()));
        }
        clearDrained(draw, prizeId);
        return new Repair(buckets);
    }

    private void clearDrained(DrawBuckets draw, long prizeId) {
        for (int b = 0; b < draw.count(); b++) {
            redis.key().del(draw.bucket(b).drained(prizeId));
        }
    }

    private Response run(LuaScript script, List<String> scriptKeys, List<String> args) {
        return script.run(reactive, scriptKeys, args).await().atMost(config.redisTimeout());
    }
}

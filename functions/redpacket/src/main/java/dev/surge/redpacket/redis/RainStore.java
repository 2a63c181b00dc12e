package dev.surge.redpacket.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.BucketState;
import dev.surge.redpacket.RainPlan;
import dev.surge.redpacket.RainSchedule;
import dev.surge.redpacket.RainState;
import dev.surge.redpacket.RainWin;
import dev.surge.redpacket.ShakeTicket;
import dev.surge.redpacket.ShakeTicketOutcome;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.redis.LuaScript;

/**
 * The Redis side of the rain: buckets filled once at start (in chunks), the plan every shake reads (cached per
 * instance), the shake script, the schedule operators steer (in the plan and copied into every bucket, which its
 * shakes obey), and the wins MySQL may not have yet. A shake touches its bucket's slot only.
 */
@ApplicationScoped
public class RainStore {

    private static final LuaScript LOAD = LuaScript.load("rain-load.lua");
    private static final LuaScript PLAN = LuaScript.load("rain-plan.lua");
    private static final LuaScript SHAKE = LuaScript.load("rain-shake.lua");
    private static final LuaScript STEER = LuaScript.load("rain-steer.lua");
    private static final String[] BUCKET_FIELDS = {"handed", "size", "won_cents", "run", "anchor", "credit", "rate",
            "version"};

    private final ReactiveRedisDataSource redis;
    private final RedPacketKeys keys;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSetCommands<String, String> sets;

    private final DependencyGuard planGuard;
    private final DependencyGuard shakeGuard;

    public RainStore(ReactiveRedisDataSource redis, RedPacketKeys keys, DependencyGuards guards) {
        this.planGuard = guards.redis("dev.surge.redpacket.redis.RainStore.plan");
        this.shakeGuard = guards.redis("dev.surge.redpacket.redis.RainStore.shake");
        this.redis = redis;
        this.keys = keys;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.sets = redis.set(String.class, String.class);
    }

    /**
     * Appends a chunk of a bucket's packets ("seq:amount", in release order) at {@code offset}, unless it is in
     * already. Idempotent, so it is retried.
     */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Boolean> load(RainPlan plan, int bucket, int bucketSize, int offset, List<String> packets,
            long keepUntilMillis) {
        RedPacketKeys.BucketKeys bucketKeys = keys.bucket(plan, bucket);
        List<String> args = new ArrayList<>(packets.size() + 5);
        args.add(Long.toString(keepUntilMillis));
        args.add(Integer.toString(bucketSize));
        args.add(Integer.toString(offset));
        args.add(Long.toString(plan.startMillis()));
        args.add(Integer.toString(plan.schedule().ratePerSecond()));
        args.addAll(packets);
        return LOAD.run(redis, List.of(bucketKeys.state(), bucketKeys.packets()), args)
                .map(reply -> reply.toLong() == 1L);
    }

    /** Publishes the plan; shakes find the rain from this moment. A plan already there keeps its schedule. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Void> publish(RainPlan plan, long keepUntilMillis) {
        RainSchedule schedule = plan.schedule();
        return PLAN.run(redis, List.of(keys.rainPlan(plan.campaignId())),
                List.of(Long.toString(keepUntilMillis), "start", Long.toString(plan.startMillis()), "buckets",
                        Integer.toString(plan.buckets()), "max", Integer.toString(plan.perUserMax()), "packets",
                        Integer.toString(plan.totalPackets()), "spread", plan.spread() ? "1" : "0", "run",
                        schedule.state().value(), "anchor",
                        Long.toString(schedule.anchorMillis()), "credit", Long.toString(schedule.credit()), "rate",
                        Integer.toString(schedule.ratePerSecond()), "version", Long.toString(schedule.version())))
                .replaceWithVoid();
    }

    public Uni<Optional<RainPlan>> plan(long campaignId) {
        return planGuard.call(() -> hashes.hgetall(keys.rainPlan(campaignId)))
                .map(fields -> fields.isEmpty()
                        ? Optional.empty()
                        : Optional.of(plan(campaignId, fields)));
    }

    /**
     * Runs one shake in the user's bucket. Never retried: a lost answer must not become a second win.
     *
     * @param rateLimit the campaign's per-user rate limit on shakes, null for none
     */
    public Uni<ShakeTicket> shake(RainPlan plan, int bucket, String userId, long nowMillis, RateLimit rateLimit) {
        RedPacketKeys.BucketKeys bucketKeys = keys.bucket(plan, bucket);
        return shakeGuard.call(() -> SHAKE.run(redis,
                List.of(bucketKeys.state(), bucketKeys.packets(), bucketKeys.users(), bucketKeys.unrecorded(),
                        bucketKeys.userRate(rateLimit, nowMillis, userId)),
                List.of(userId, Long.toString(nowMillis), Long.toString(plan.startMillis()),
                        Integer.toString(plan.schedule().ratePerSecond()), Integer.toString(plan.buckets()),
                        Integer.toString(plan.perUserMax()), RateLimit.maxArg(rateLimit),
                        RateLimit.windowArg(rateLimit))))
                .map(reply -> {
                    ShakeTicketOutcome outcome = ShakeTicketOutcome.of(reply.get(0).toString());
                    String detail = reply.get(1).toString();
                    long version = reply.get(2).toLong();
                    return switch (outcome) {
                        case WON -> new ShakeTicket(outcome,
                                Optional.of(RainWin.parse(plan.campaignId(), bucket, detail)), 0, version);
                        case NONE -> new ShakeTicket(outcome, Optional.empty(), Long.parseLong(detail), version);
                        case LIMITED, RATE_LIMITED, PAUSED, STOPPED, UNKNOWN -> new ShakeTicket(outcome,
                                Optional.empty(), 0, version);
                    };
                });
    }

    /**
     * Writes a changed schedule into the plan, only over the one it replaces (version − 1).
     *
     * @return whether it was written; false when another change came first (or this one already landed)
     */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Boolean> steerPlan(RainPlan plan, long keepUntilMillis) {
        return STEER.run(redis, List.of(keys.rainPlan(plan.campaignId())), steering("next", plan, keepUntilMillis))
                .map(reply -> reply.toLong() == 1L);
    }

    /**
     * Copies the plan's schedule into a bucket, whose shakes obey it from then on; a bucket with it already is left.
     *
     * @return whether this call wrote it
     */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Boolean> steerBucket(RainPlan plan, int bucket, long keepUntilMillis) {
        RedPacketKeys.BucketKeys bucketKeys = keys.bucket(plan, bucket);
        return STEER.run(redis,
                List.of(bucketKeys.state(), bucketKeys.packets(), bucketKeys.users(), bucketKeys.unrecorded()),
                steering("newer", plan, keepUntilMillis))
                .map(reply -> reply.toLong() == 1L);
    }

    /** One bucket's figures and schedule, if Redis holds the bucket. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Optional<BucketState>> bucket(RainPlan plan, int bucket) {
        return hashes.hmget(keys.bucket(plan, bucket).state(), BUCKET_FIELDS).map(fields -> {
            if (fields.get("handed") == null) {
                return Optional.empty();
            }
            RainSchedule schedule = schedule(fields, plan.startMillis(), plan.schedule().ratePerSecond());
            return Optional.of(new BucketState(bucket, Integer.parseInt(fields.get("size")),
                    Long.parseLong(fields.get("handed")), number(fields.get("won_cents"), 0), schedule));
        });
    }

    /** Wins of a bucket MySQL may not have yet. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<List<RainWin>> unrecorded(RainPlan plan, int bucket) {
        return sets.smembers(keys.bucket(plan, bucket).unrecorded())
                .map(members -> members.stream().map(m -> RainWin.parse(plan.campaignId(), bucket, m)).toList());
    }

    /** MySQL has the win: it is no longer unrecorded. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Void> recorded(RainPlan plan, RainWin win) {
        return sets.srem(keys.bucket(plan, win.bucket()).unrecorded(), win.member()).replaceWithVoid();
    }

    private static List<String> steering(String mode, RainPlan plan, long keepUntilMillis) {
        RainSchedule schedule = plan.schedule();
        return List.of(mode, Long.toString(schedule.version()), schedule.state().value(),
                Long.toString(schedule.anchorMillis()), Long.toString(schedule.credit()),
                Integer.toString(schedule.ratePerSecond()), Long.toString(keepUntilMillis),
                Integer.toString(plan.buckets()));
    }

    private static RainPlan plan(long campaignId, Map<String, String> fields) {
        long start = Long.parseLong(fields.get("start"));
        return new RainPlan(campaignId, start, Integer.parseInt(fields.get("buckets")),
                Integer.parseInt(fields.get("max")), Integer.parseInt(fields.get("packets")),
                schedule(fields, start, Integer.parseInt(fields.get("rate"))), "1".equals(fields.get("spread")));
    }

    /** The schedule in a plan or bucket; one written before rains could be steered runs from its start. */
    private static RainSchedule schedule(Map<String, String> fields, long start, int rate) {
        return new RainSchedule(RainState.of(fields.get("run")), number(fields.get("anchor"), start),
                number(fields.get("credit"), 0), (int) number(fields.get("rate"), rate), number(fields.get("version"), 0));
    }

    private static long number(String value, long otherwise) {
        return value == null ? otherwise : Long.parseLong(value);
    }
}

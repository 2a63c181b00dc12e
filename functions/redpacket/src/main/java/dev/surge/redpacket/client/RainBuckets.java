package dev.surge.redpacket.client;

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

import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.redis.LuaScript;

/**
 * The Redis side of the rain: buckets filled once at start (in chunks), the plan every shake reads (once per instance),
 * the shake script, and the wins MySQL may not have yet. A shake touches its bucket's slot only.
 */
@ApplicationScoped
public class RainBuckets {

    private static final LuaScript LOAD = LuaScript.load("rain-load.lua");
    private static final LuaScript PLAN = LuaScript.load("rain-plan.lua");
    private static final LuaScript SHAKE = LuaScript.load("rain-shake.lua");

    private final ReactiveRedisDataSource redis;
    private final RedPacketKeys keys;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSetCommands<String, String> sets;

    private final DependencyGuard planGuard;
    private final DependencyGuard shakeGuard;

    public RainBuckets(ReactiveRedisDataSource redis, RedPacketKeys keys, DependencyGuards guards) {
        this.planGuard = guards.redis("dev.surge.redpacket.client.RainBuckets.plan");
        this.shakeGuard = guards.redis("dev.surge.redpacket.client.RainBuckets.shake");
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
    public Uni<Boolean> load(long campaignId, int bucket, int bucketSize, int offset, List<String> packets,
            long keepUntilMillis) {
        RedPacketKeys.BucketKeys bucketKeys = keys.bucket(campaignId, bucket);
        List<String> args = new ArrayList<>(packets.size() + 3);
        args.add(Long.toString(keepUntilMillis));
        args.add(Integer.toString(bucketSize));
        args.add(Integer.toString(offset));
        args.addAll(packets);
        return LOAD.run(redis, List.of(bucketKeys.state(), bucketKeys.packets()), args)
                .map(reply -> reply.toLong() == 1L);
    }

    /** Publishes the plan; shakes find the rain from this moment. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Void> publish(RainPlan plan, long keepUntilMillis) {
        return PLAN.run(redis, List.of(keys.rainPlan(plan.campaignId())),
                List.of(Long.toString(keepUntilMillis), "start", Long.toString(plan.startMillis()), "rate",
                        Integer.toString(plan.ratePerSecond()), "buckets", Integer.toString(plan.buckets()), "max",
                        Integer.toString(plan.perUserMax()), "packets", Integer.toString(plan.totalPackets())))
                .replaceWithVoid();
    }

    public Uni<Optional<RainPlan>> plan(long campaignId) {
        return planGuard.call(() -> hashes.hgetall(keys.rainPlan(campaignId)))
                .map(fields -> fields.isEmpty()
                        ? Optional.empty()
                        : Optional.of(plan(campaignId, fields)));
    }

    /** Runs one shake in the user's bucket. Never retried: a lost answer must not become a second win. */
    public Uni<ShakeTicket> shake(RainPlan plan, int bucket, String userId, long nowMillis) {
        RedPacketKeys.BucketKeys bucketKeys = keys.bucket(plan.campaignId(), bucket);
        return shakeGuard.call(() -> SHAKE.run(redis,
                List.of(bucketKeys.state(), bucketKeys.packets(), bucketKeys.users(), bucketKeys.unrecorded()),
                List.of(userId, Long.toString(nowMillis), Long.toString(plan.startMillis()),
                        Integer.toString(plan.ratePerSecond()), Integer.toString(plan.buckets()),
                        Integer.toString(plan.perUserMax()))))
                .map(reply -> {
                    String outcome = reply.get(0).toString();
                    String detail = reply.get(1).toString();
                    return switch (outcome) {
                        case ShakeTicket.WON -> new ShakeTicket(outcome,
                                Optional.of(RainWin.parse(plan.campaignId(), bucket, detail)), 0);
                        case ShakeTicket.NONE -> new ShakeTicket(outcome, Optional.empty(), Long.parseLong(detail));
                        default -> new ShakeTicket(outcome, Optional.empty(), 0);
                    };
                });
    }

    /** Wins of a bucket MySQL may not have yet. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<List<RainWin>> unrecorded(long campaignId, int bucket) {
        return sets.smembers(keys.bucket(campaignId, bucket).unrecorded())
                .map(members -> members.stream().map(m -> RainWin.parse(campaignId, bucket, m)).toList());
    }

    /** MySQL has the win: it is no longer unrecorded. */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Void> recorded(RainWin win) {
        return sets.srem(keys.bucket(win.campaignId(), win.bucket()).unrecorded(), win.member()).replaceWithVoid();
    }

    private static RainPlan plan(long campaignId, Map<String, String> fields) {
        return new RainPlan(campaignId, Long.parseLong(fields.get("start")), Integer.parseInt(fields.get("rate")),
                Integer.parseInt(fields.get("buckets")), Integer.parseInt(fields.get("max")),
                Integer.parseInt(fields.get("packets")));
    }
}

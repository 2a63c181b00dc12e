package dev.surge.draw.client;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import dev.surge.draw.config.DrawConfig;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.redis.LuaScript;
import dev.surge.shared.redis.RedisKeys;

/** The Redis side of the raffle: the draw script, its settlement, and reads of draw records and pending wins. */
@ApplicationScoped
public class DrawScripts {

    private static final LuaScript DRAW = LuaScript.load("draw.lua");
    private static final LuaScript SETTLE = LuaScript.load("draw-settle.lua");
    private static final String CLAIMANTS = "claimants";
    /** What the per-user rate counters of draws are called. */
    static final String DRAW_ACTION = "draw";

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final DrawConfig config;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final ReactiveValueCommands<String, Long> values;

    private final DependencyGuard drawGuard;
    private final DependencyGuard recordGuard;

    public DrawScripts(ReactiveRedisDataSource redis, RedisKeys keys, DrawConfig config, DependencyGuards guards) {
        this.drawGuard = guards.redis("dev.surge.draw.client.DrawScripts.draw");
        this.recordGuard = guards.redis("dev.surge.draw.client.DrawScripts.record");
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.sortedSets = redis.sortedSet(String.class, String.class);
        this.values = redis.value(String.class, Long.class);
    }

    /** Runs one draw. Never retried: a draw is not idempotent until its record exists. */
    public Uni<DrawTicket> draw(DrawCommand command) {
        CampaignKeys campaign = keys.campaign(command.campaignId());
        long prize = command.prizeId().orElse(0L);
        PendingDraw pending = new PendingDraw(command.campaignId(), prize, command.idempotencyKey(), command.userId());
        List<String> scriptKeys = List.of(campaign.draw(command.userId(), command.idempotencyKey()),
                campaign.participation(command.userId()), campaign.stock(prize), campaign.pendingDraws(),
                campaign.tally(), campaign.rate(command.now().getEpochSecond()), campaign.claimants(prize),
                campaign.userRate(DRAW_ACTION, command.rateLimit(), command.now().toEpochMilli(), command.userId()));
        List<String> args = List.of(command.drawId(), command.prizeId().map(String::valueOf).orElse(""),
                Long.toString(bound(command.limit().total())), Long.toString(bound(command.limit().perDay())),
                CampaignKeys.dayField(command.day()), Long.toString(command.now().toEpochMilli()),
                Long.toString(command.recordTtlSeconds()), Long.toString(command.participationTtlSeconds()),
                Integer.toString(config.admissionsPerSecond()), Long.toString(command.pick()),
                Long.toString(command.totalWeight()), pending.member(), command.userId(),
                Integer.toString(command.maxClaimants()), RateLimit.maxArg(command.rateLimit()),
                RateLimit.windowArg(command.rateLimit()));
        return drawGuard.call(() -> DRAW.run(redis, scriptKeys, args)).map(DrawScripts::ticket);
    }

    /**
     * Settles a pending draw once MySQL has answered. Idempotent, so it is retried.
     *
     * @return whether this call did the settling
     */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Boolean> settle(PendingDraw draw, Settlement settlement) {
        CampaignKeys campaign = keys.campaign(draw.campaignId());
        List<String> scriptKeys = List.of(campaign.draw(draw.userId(), draw.idempotencyKey()),
                campaign.participation(draw.userId()), campaign.stock(draw.prizeId()), campaign.pendingDraws(),
                campaign.tally());
        return SETTLE.run(redis, scriptKeys, List.of(settlement.wire(), draw.member()))
                .map(reply -> reply.toLong() == 1L);
    }

    /** The stored outcome of a caller's draw, if it is still kept. */
    public Uni<Optional<Map<String, String>>> record(long campaignId, String userId, String idempotencyKey) {
        return recordGuard.call(() -> hashes.hgetall(keys.campaign(campaignId).draw(userId, idempotencyKey)))
                .map(fields -> fields.isEmpty() ? Optional.empty() : Optional.of(fields));
    }

    /** Pending wins of a campaign won before {@code wonBeforeMillis}, oldest first. */
    @Timeout
    public Uni<List<PendingDraw>> pendingBefore(long campaignId, long wonBeforeMillis, int limit) {
        return sortedSets.zrangebyscore(keys.campaign(campaignId).pendingDraws(),
                new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) wonBeforeMillis), new ZRangeArgs().limit(0, limit))
                .map(members -> members.stream().map(m -> PendingDraw.parse(campaignId, m)).toList());
    }

    /** Remaining Redis stock of each of the prizes (0 when the counter is missing). */
    @Timeout
    public Uni<Map<Long, Long>> stock(long campaignId, List<Long> prizeIds) {
        CampaignKeys campaign = keys.campaign(campaignId);
        return values.mget(prizeIds.stream().map(campaign::stock).toArray(String[]::new)).map(found -> {
            Map<Long, Long> stock = new HashMap<>();
            prizeIds.forEach(id -> stock.put(id, found.getOrDefault(campaign.stock(id), 0L)));
            return stock;
        });
    }

    private static long bound(Integer limit) {
        return limit == null ? 0 : limit;
    }

    private static DrawTicket ticket(Response reply) {
        String prize = reply.get(1).toString();
        Optional<Set<String>> claimants = Optional.empty();
        if (reply.size() > 4 && CLAIMANTS.equals(reply.get(4).toString())) {
            Set<String> users = new HashSet<>();
            for (int i = 5; i < reply.size(); i++) {
                users.add(reply.get(i).toString());
            }
            claimants = Optional.of(users);
        }
        return new DrawTicket(reply.get(0).toString(),
                prize.isEmpty() || "0".equals(prize) ? Optional.empty() : Optional.of(Long.parseLong(prize)),
                reply.get(2).toString(), reply.get(3).toLong() == 1L, claimants);
    }
}

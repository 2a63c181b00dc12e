package dev.surge.draw.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import dev.surge.draw.DrawCommand;
import dev.surge.draw.DrawTicket;
import dev.surge.draw.PendingDraw;
import dev.surge.draw.Settlement;
import dev.surge.draw.TicketOutcome;
import dev.surge.draw.config.DrawConfig;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.redis.DrawBuckets;
import dev.surge.shared.redis.LuaScript;

/**
 * The Redis side of the raffle: the draw script, its settlement, and reads of draw records and pending wins. A
 * raffle's state may be spread over stock buckets ({@link DrawBuckets}); a draw runs in its user's bucket and, when
 * that bucket has run dry of the picked prize, borrows from the others (all asked at once) and draws again.
 */
@ApplicationScoped
public class DrawStore {

    private static final Logger LOG = Logger.getLogger(DrawStore.class);
    private static final LuaScript DRAW = LuaScript.load("draw.lua");
    private static final LuaScript LEND = LuaScript.load("draw-lend.lua");
    private static final String PROBE = "probe";
    private static final String CREDIT = "credit";
    private static final LuaScript SETTLE = LuaScript.load("draw-settle.lua");
    private static final String CLAIMANTS = "claimants";
    /** What the per-user rate counters of draws are called. */
    static final String DRAW_ACTION = "draw";

    private final ReactiveRedisDataSource redis;
    private final DrawConfig config;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final ReactiveValueCommands<String, Long> values;

    private final DependencyGuard drawGuard;
    private final DependencyGuard recordGuard;

    public DrawStore(ReactiveRedisDataSource redis, DrawConfig config, DependencyGuards guards) {
        this.drawGuard = guards.redis("dev.surge.draw.redis.DrawStore.draw");
        this.recordGuard = guards.redis("dev.surge.draw.redis.DrawStore.record");
        this.redis = redis;
        this.config = config;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.sortedSets = redis.sortedSet(String.class, String.class);
        this.values = redis.value(String.class, Long.class);
    }

    /** Runs one draw. Never retried: a draw is not idempotent until its record exists. */
    public Uni<DrawTicket> draw(DrawCommand command) {
        DrawBuckets draws = command.draws();
        int home = draws.of(command.userId());
        if (draws.count() == 1) {
            return run(command, draws.bucket(home), "", NOTHING_BORROWED);
        }
        return run(command, draws.bucket(home), PROBE, NOTHING_BORROWED).flatMap(ticket -> {
            if (ticket.outcome() != TicketOutcome.BUCKET_EMPTY) {
                return Uni.createFrom().item(ticket);
            }
            long prize = command.prizeId().orElseThrow();
            return borrow(draws, home, prize).flatMap(borrowed -> run(command, draws.bucket(home), CREDIT, borrowed)
                    .onFailure()
                    .invoke(e -> {
                        // Taken from the other buckets and not added here: Redis holds fewer units than MySQL
                        // until the campaign is reconciled (an undersell, never an oversell).
                        if (borrowed.units() > 0) {
                            LOG.warnf("campaign %d: %d unit(s) of prize %d lent between stock buckets were lost: %s",
                                    command.campaignId(), borrowed.units(), prize, e.toString());
                        }
                    }));
        });
    }

    /** What the other buckets lent: units, and whether every one of them is empty with nothing on its way. */
    private record Borrowed(long units, boolean drained) {
    }

    /**
     * Asks every other bucket at once to lend units of the prize. A bucket that cannot be asked fails the draw
     * (try later) unless another one lent: "sold out" needs every bucket to answer.
     */
    private Uni<Borrowed> borrow(DrawBuckets draws, int home, long prize) {
        List<Uni<long[]>> lends = new ArrayList<>(draws.count() - 1);
        List<String> transit = List.of(Long.toString(config.stockLendTransit().toMillis()));
        for (int k = 0; k < draws.count(); k++) {
            if (k != home) {
                CampaignKeys bucket = draws.bucket(k);
                List<String> lendKeys = List.of(bucket.stock(prize), bucket.drained(prize));
                lends.add(drawGuard.call(() -> LEND.run(redis, lendKeys, transit))
                        .map(reply -> new long[]{reply.get(0).toLong(), reply.get(1).toLong()})
                        .onFailure()
                        .recoverWithItem(new long[]{0, -1}));
            }
        }
        return Uni.join().all(lends).andCollectFailures().flatMap(answers -> {
            long units = answers.stream().mapToLong(a -> a[0]).sum();
            boolean unanswered = answers.stream().anyMatch(a -> a[1] < 0);
            if (units == 0 && unanswered) {
                return Uni.createFrom()
                        .failure(new IllegalStateException(
                                "a stock bucket of prize " + prize + " could not be asked to lend"));
            }
            return Uni.createFrom().item(new Borrowed(units, answers.stream().allMatch(a -> a[0] == 0 && a[1] == 0)));
        });
    }

    private static final Borrowed NOTHING_BORROWED = new Borrowed(0, false);

    private Uni<DrawTicket> run(DrawCommand command, CampaignKeys campaign, String mode, Borrowed borrowed) {
        long prize = command.prizeId().orElse(0L);
        PendingDraw pending = new PendingDraw(command.campaignId(), prize, command.idempotencyKey(), command.userId());
        List<String> scriptKeys = List.of(campaign.draw(command.userId(), command.idempotencyKey()),
                campaign.participation(command.userId()), campaign.stock(prize), campaign.pendingDraws(),
                campaign.tally(), campaign.rate(command.now().getEpochSecond()), campaign.claimants(prize),
                campaign.userRate(DRAW_ACTION, command.rateLimit(), command.now().toEpochMilli(), command.userId()),
                campaign.drained(prize));
        List<String> args = List.of(command.drawId(), command.prizeId().map(String::valueOf).orElse(""),
                Long.toString(bound(command.limit().total())), Long.toString(bound(command.limit().perDay())),
                CampaignKeys.dayField(command.day()), Long.toString(command.now().toEpochMilli()),
                Long.toString(command.recordTtlSeconds()), Long.toString(command.participationTtlSeconds()),
                Integer.toString(admissions(command.draws())), Long.toString(command.pick()),
                Long.toString(command.totalWeight()), pending.member(), command.userId(),
                Integer.toString(command.maxClaimants()), RateLimit.maxArg(command.rateLimit()),
                RateLimit.windowArg(command.rateLimit()), mode, Long.toString(borrowed.units()),
                borrowed.drained() ? "drained" : "", Long.toString(config.stockDrainedRecheck().toMillis()));
        return drawGuard.call(() -> DRAW.run(redis, scriptKeys, args)).map(DrawStore::ticket);
    }

    /**
     * Settles a pending draw once MySQL has answered. Idempotent, so it is retried.
     *
     * @return whether this call did the settling
     */
    @Timeout
    @Retry(maxRetries = 2)
    public Uni<Boolean> settle(DrawBuckets draws, PendingDraw draw, Settlement settlement) {
        CampaignKeys campaign = draws.home(draw.userId());
        List<String> scriptKeys = List.of(campaign.draw(draw.userId(), draw.idempotencyKey()),
                campaign.participation(draw.userId()), campaign.stock(draw.prizeId()), campaign.pendingDraws(),
                campaign.tally());
        return SETTLE.run(redis, scriptKeys, List.of(settlement.wire(), draw.member()))
                .map(reply -> reply.toLong() == 1L);
    }

    /** The stored outcome of a caller's draw, if it is still kept. */
    public Uni<Optional<Map<String, String>>> record(DrawBuckets draws, String userId, String idempotencyKey) {
        return recordGuard.call(() -> hashes.hgetall(draws.home(userId).draw(userId, idempotencyKey)))
                .map(fields -> fields.isEmpty() ? Optional.empty() : Optional.of(fields));
    }

    /** Pending wins of a campaign won before {@code wonBeforeMillis}, oldest first in each bucket. */
    @Timeout
    public Uni<List<PendingDraw>> pendingBefore(long campaignId, DrawBuckets draws, long wonBeforeMillis, int limit) {
        List<Uni<List<String>>> reads = new ArrayList<>(draws.count());
        for (CampaignKeys bucket : draws.buckets()) {
            reads.add(sortedSets.zrangebyscore(bucket.pendingDraws(),
                    new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) wonBeforeMillis), new ZRangeArgs().limit(0, limit)));
        }
        return Uni.join()
                .all(reads)
                .andFailFast()
                .map(found -> found.stream().flatMap(List::stream).map(m -> PendingDraw.parse(campaignId, m)).toList());
    }

    /** Remaining Redis stock of each of the prizes over all buckets (0 when the counters are missing). */
    @Timeout
    public Uni<Map<Long, Long>> stock(DrawBuckets draws, List<Long> prizeIds) {
        // One MGET per bucket: a cluster refuses keys of several slots in one command.
        List<Uni<Map<String, Long>>> reads = new ArrayList<>(draws.count());
        for (CampaignKeys bucket : draws.buckets()) {
            reads.add(values.mget(prizeIds.stream().map(bucket::stock).toArray(String[]::new)));
        }
        return Uni.join().all(reads).andFailFast().map(found -> {
            Map<Long, Long> stock = new HashMap<>();
            for (int k = 0; k < draws.count(); k++) {
                CampaignKeys bucket = draws.bucket(k);
                Map<String, Long> counters = found.get(k);
                prizeIds.forEach(id -> stock.merge(id, counters.getOrDefault(bucket.stock(id), 0L), Long::sum));
            }
            return stock;
        });
    }

    /** The campaign-wide admission rate, split over the buckets (users spread evenly over them). */
    private int admissions(DrawBuckets draws) {
        int rate = config.admissionsPerSecond();
        return rate == 0 ? 0 : Math.max(1, (rate + draws.count() - 1) / draws.count());
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
        return new DrawTicket(TicketOutcome.of(reply.get(0).toString()),
                prize.isEmpty() || "0".equals(prize) ? Optional.empty() : Optional.of(Long.parseLong(prize)),
                reply.get(2).toString(), reply.get(3).toLong() == 1L, claimants);
    }
}

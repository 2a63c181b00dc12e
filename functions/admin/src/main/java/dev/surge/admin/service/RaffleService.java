package dev.surge.admin.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.surge.admin.CampaignRow;
import dev.surge.admin.PrizeFields;
import dev.surge.admin.Raffle;
import dev.surge.admin.RaffleParameters;
import dev.surge.admin.StockReconciliation;
import dev.surge.admin.config.AdminConfig;
import dev.surge.admin.redis.PrizeStockStore;
import dev.surge.admin.repository.AuditLog;
import dev.surge.admin.repository.CampaignRepository;
import dev.surge.admin.repository.PrizeRepository;
import dev.surge.admin.repository.PrizeRow;
import dev.surge.admin.repository.RaffleRepository;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.redis.DrawBuckets;
import dev.surge.shared.redis.RedisKeys;

/**
 * A campaign's raffle on the operators' side: settings and prize table (seen by draws at the next publish),
 * live stock changes (seen at once), and reconciliation of Redis stock with MySQL.
 *
 * <p>
 * Stock changes keep Redis and MySQL moving together. Adding: MySQL first, then Redis, so Redis never offers a
 * unit MySQL lacks. Removing: Redis first (only units still free there), then MySQL, giving the units back to
 * Redis if MySQL refuses, so a removal never strands a unit a draw is about to take. Whatever a failure leaves
 * behind, reconciliation repairs from MySQL.
 *
 * <p>
 * A raffle's Redis stock is spread over its stock buckets ({@link DrawBuckets}), as many as its settings say; that
 * number names the keys the published stock lives under, so it is fixed once the raffle has been published.
 */
@ApplicationScoped
public class RaffleService {

    private static final Logger LOG = Logger.getLogger(RaffleService.class);

    private final CampaignService publishing;
    private final CampaignRepository campaigns;
    private final RaffleRepository raffles;
    private final PrizeRepository prizes;
    private final PrizeStockStore stock;
    private final AdminConfig config;
    private final Clock clock;
    private final AuditLog audit;
    private final RedisKeys keys;

    public RaffleService(CampaignRepository campaigns, RaffleRepository raffles, PrizeRepository prizes, PrizeStockStore stock,
            CampaignService publishing, AdminConfig config, Clock clock, AuditLog audit, RedisKeys keys) {
        this.audit = audit;
        this.keys = keys;
        this.publishing = publishing;
        this.campaigns = campaigns;
        this.raffles = raffles;
        this.prizes = prizes;
        this.stock = stock;
        this.config = config;
        this.clock = clock;
    }

    public Raffle view(long campaignId) {
        existing(campaignId);
        Optional<DrawSettings> settings = raffles.find(campaignId);
        DrawBuckets draw = keys.draw(campaignId, settings.map(DrawSettings::stockBuckets).orElse(1));
        List<Raffle.Prize> table = new ArrayList<>();
        for (PrizeRow prize : prizes.ofCampaign(campaignId)) {
            Long redis = redisStock(draw, prize.id());
            table.add(new Raffle.Prize(prize.id(), prize.name(), prize.weight(), prize.stock(), redis));
        }
        return new Raffle(campaignId,
                settings.map(s -> BigDecimal.valueOf(s.interceptRatio())).orElse(null),
                settings.map(DrawSettings::noPrizeWeight).orElse(null),
                settings.map(DrawSettings::stockBuckets).orElse(null), table);
    }

    /**
     * Saves the raffle's settings. A campaign that is live (online or paused) is published again at once, so a
     * changed interception ratio reaches every instance within the catalog's revalidation (a second), without a
     * separate publish; a draft's settings wait for its first publish.
     *
     * <p>
     * The stock buckets are left as they are when the settings leave them out (1 for a new raffle), and cannot
     * change once the campaign has been published while it had its raffle: the published stock, pending draws and
     * users' participation live under keys the number names, and draws would lose them. Published with the raffle
     * is told by MySQL alone (a raffle that existed before this call, in a campaign with a published version), so
     * it holds whatever Redis has lost; a draft published before its raffle was first saved counts as published too.
     */
    public Raffle configure(long campaignId, RaffleParameters settings, String actor) {
        editable(campaignId);
        QuarkusTransaction.requiringNew().run(() -> {
            // Under the campaign's lock: a publish reads the raffle under it too, so none gets in between the check
            // and the save.
            CampaignRow campaign = campaigns.lock(campaignId)
                    .orElseThrow(() -> Refusal.notFound("no campaign " + campaignId));
            Optional<DrawSettings> current = raffles.find(campaignId);
            RaffleParameters applied = settings.withStockBuckets(current.map(DrawSettings::stockBuckets).orElse(1));
            if (current.isPresent() && campaign.publishedVersion() > 0
                    && current.get().stockBuckets() != applied.stockBuckets()) {
                throw Refusal.conflict("the stock buckets of a published raffle are fixed (campaign " + campaignId
                        + " has " + current.get().stockBuckets() + ")");
            }
            Instant now = clock.instant();
            String before = audit.json(current
                    .map(s -> new RaffleParameters(BigDecimal.valueOf(s.interceptRatio()), s.noPrizeWeight(),
                            s.stockBuckets()))
                    .orElse(null));
            prizes.saveRaffle(campaignId, applied.interceptRatio(), applied.noPrizeWeight(), applied.stockBuckets(), now);
            audit.record(campaignId, actor, "raffle:settings", before, audit.json(applied), now);
        });
        boolean live = campaigns.find(campaignId)
                .map(c -> c.status() == CampaignStatus.ONLINE || c.status() == CampaignStatus.PAUSED)
                .orElse(false);
        if (live) {
            // The settings entry stands for this publish.
            publishing.publish(campaignId, null);
        }
        return view(campaignId);
    }

    public Raffle.Prize addPrize(long campaignId, PrizeFields request, String actor) {
        editable(campaignId);
        if (raffles.find(campaignId).isEmpty()) {
            throw Refusal.conflict("configure the campaign's raffle before adding prizes");
        }
        if (request.stock() == null) {
            throw Refusal.invalid("a new prize needs its initial 'stock'");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            // Under the campaign's lock, so two additions cannot both take the last place.
            campaigns.lock(campaignId);
            if (prizes.ofCampaign(campaignId).size() >= config.maxPrizes()) {
                throw Refusal.conflict("a raffle holds at most " + config.maxPrizes() + " prizes");
            }
            Instant now = clock.instant();
            PrizeRow prize = prizes.add(campaignId, request.name(), request.weight(), request.stock(), now);
            Raffle.Prize added = new Raffle.Prize(prize.id(), prize.name(), prize.weight(), prize.stock(),
                    null);
            audit.record(campaignId, actor, "prize:add", null, audit.json(added), now);
            return added;
        });
    }

    public Raffle.Prize describePrize(long campaignId, long prizeId, PrizeFields request, String actor) {
        editable(campaignId);
        if (request.stock() != null) {
            throw Refusal.invalid("stock moves only through POST .../prizes/{prizeId}/stock");
        }
        PrizeRow prize = QuarkusTransaction.requiringNew().call(() -> {
            PrizeRow before = prizes.lock(campaignId, prizeId)
                    .orElseThrow(() -> Refusal.notFound("no prize " + prizeId + " in campaign " + campaignId));
            Instant now = clock.instant();
            prizes.describe(campaignId, prizeId, request.name(), request.weight(), now);
            audit.record(campaignId, actor, "prize:edit",
                    audit.fields("prizeId", prizeId, "name", before.name(), "weight", before.weight()),
                    audit.fields("prizeId", prizeId, "name", request.name(), "weight", request.weight()), now);
            return prizes.find(campaignId, prizeId).orElseThrow();
        });
        return new Raffle.Prize(prize.id(), prize.name(), prize.weight(), prize.stock(),
                redisStock(draw(campaignId), prizeId));
    }

    /** Adds or takes away units while the campaign runs; the draw sees the change at once. */
    public Raffle.Prize changeStock(long campaignId, long prizeId, long delta, String actor) {
        existing(campaignId);
        PrizeRow prize = prizes.find(campaignId, prizeId)
                .orElseThrow(() -> Refusal.notFound("no prize " + prizeId + " in campaign " + campaignId));
        DrawBuckets draw = draw(campaignId);
        boolean live = stock.exists(draw, prizeId);
        Instant now = clock.instant();
        if (delta > 0) {
            QuarkusTransaction.requiringNew().run(() -> {
                long before = prizes.lock(campaignId, prizeId).orElse(prize).stock();
                prizes.addStock(campaignId, prizeId, delta, now);
                auditStock(campaignId, prizeId, before, delta, actor, now);
            });
            if (live) {
                redisStep(() -> stock.add(draw, prizeId, delta),
                        "added in MySQL but not in Redis; reconcile the campaign to bring Redis in line");
            }
        } else if (delta < 0) {
            long units = -delta;
            if (live && !redisStep(() -> stock.take(draw, prizeId, units),
                    "nothing was taken from MySQL; reconcile the campaign if Redis holds too few units")) {
                throw Refusal.conflict("fewer than " + units + " units of prize " + prizeId + " are free");
            }
            boolean taken;
            try {
                taken = QuarkusTransaction.requiringNew().call(() -> {
                    long before = prizes.lock(campaignId, prizeId).orElse(prize).stock();
                    if (!prizes.removeStock(campaignId, prizeId, units, now)) {
                        return false;
                    }
                    auditStock(campaignId, prizeId, before, delta, actor, now);
                    return true;
                });
            } catch (RuntimeException e) {
                giveBack(live, draw, prizeId, units);
                throw e;
            }
            if (!taken) {
                giveBack(live, draw, prizeId, units);
                throw Refusal.conflict("MySQL holds fewer than " + units + " units of prize " + prizeId);
            }
        }
        PrizeRow after = prizes.find(campaignId, prizeId).orElse(prize);
        return new Raffle.Prize(after.id(), after.name(), after.weight(), after.stock(),
                redisStock(draw, prizeId));
    }

    /**
     * Compares each prize's Redis stock with MySQL and, when asked, repairs it. The repair holds the prize's row
     * lock in MySQL, so no grant commits while Redis is set from it.
     */
    public StockReconciliation reconcile(long campaignId, boolean repair, String actor) {
        existing(campaignId);
        DrawBuckets draw = draw(campaignId);
        List<StockReconciliation.PrizeDrift> report = new ArrayList<>();
        for (PrizeRow listed : prizes.ofCampaign(campaignId)) {
            if (!stock.exists(draw, listed.id())) {
                continue;
            }
            StockReconciliation.PrizeDrift drift = QuarkusTransaction.requiringNew().call(() -> {
                PrizeRow locked = prizes.lock(campaignId, listed.id()).orElse(listed);
                List<Long> redisBefore = stock.readBuckets(draw, listed.id());
                // The row lock keeps any grant of this prize from committing meanwhile, so which pending draws
                // MySQL has already granted cannot change before the repair.
                List<List<String>> pendingDraws = stock.pendingByBucket(draw, listed.id());
                Set<String> committed = pendingDraws.stream()
                        .flatMap(List::stream)
                        .filter(member -> committed(campaignId, member))
                        .collect(Collectors.toSet());
                PrizeStockStore.Repair state = repair
                        ? redisStep(() -> stock.repair(draw, listed.id(), locked.stock(), committed),
                                "Redis could not be repaired")
                        : unchanged(redisBefore, pendingDraws, committed);
                if (repair && state.changed()) {
                    audit.record(campaignId, actor, "stock:repair", repairFields(listed.id(), draw, state, true),
                            repairFields(listed.id(), draw, state, false), clock.instant());
                }
                long expected = Math.max(0, locked.stock() - state.pending());
                List<StockReconciliation.BucketDrift> buckets = state.buckets()
                        .stream()
                        .map(b -> new StockReconciliation.BucketDrift(b.index(), b.before(), b.pending(), b.after()))
                        .toList();
                return new StockReconciliation.PrizeDrift(listed.id(), listed.name(), locked.stock(), state.before(),
                        state.pending(), expected, state.before() - expected, prizes.granted(campaignId, listed.id()),
                        state.after(), buckets);
            });
            report.add(drift);
        }
        StockReconciliation result = new StockReconciliation(campaignId, repair, report);
        if (result.drifted()) {
            LOG.warnf("campaign %d: Redis stock drifted from MySQL%s", campaignId, repair ? " (repaired)" : "");
        }
        return result;
    }

    /** What Redis holds, bucket by bucket, when the report repairs nothing. */
    private static PrizeStockStore.Repair unchanged(List<Long> stock, List<List<String>> pending, Set<String> committed) {
        List<PrizeStockStore.Bucket> buckets = new ArrayList<>(stock.size());
        for (int b = 0; b < stock.size(); b++) {
            long uncommitted = pending.get(b).stream().filter(member -> !committed.contains(member)).count();
            buckets.add(new PrizeStockStore.Bucket(b, stock.get(b), uncommitted, stock.get(b)));
        }
        return new PrizeStockStore.Repair(buckets);
    }

    /** The audited value of a repair: the prize's Redis stock, and each bucket's when there are several. */
    private String repairFields(long prizeId, DrawBuckets draw, PrizeStockStore.Repair state, boolean before) {
        long total = before ? state.before() : state.after();
        if (draw.count() == 1) {
            return audit.fields("prizeId", prizeId, "redisStock", total);
        }
        List<Long> buckets = state.buckets().stream().map(b -> before ? b.before() : b.after()).toList();
        return audit.fields("prizeId", prizeId, "redisStock", total, "buckets", buckets);
    }

    private void auditStock(long campaignId, long prizeId, long before, long delta, String actor, Instant at) {
        audit.record(campaignId, actor, "prize:stock", audit.fields("prizeId", prizeId, "stock", before),
                audit.fields("prizeId", prizeId, "stock", before + delta, "delta", delta), at);
    }

    /** Whether the grant of a pending draw ({@code prize|idempotency key|user}) is committed in MySQL. */
    private boolean committed(long campaignId, String member) {
        String[] parts = member.split("\\|", 3);
        return parts.length == 3 && prizes.grantedFor(campaignId, parts[2], parts[1]);
    }

    private void giveBack(boolean live, DrawBuckets draw, long prizeId, long units) {
        if (live) {
            redisStep(() -> stock.add(draw, prizeId, units),
                    "taken from Redis but not from MySQL; reconcile the campaign to bring Redis in line");
        }
    }

    private <T> T redisStep(Supplier<T> step, String consequence) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            LOG.warnf("Redis failed during a stock change: %s", e.toString());
            throw Refusal.unavailable("Redis failed: " + consequence, config.retryAfter());
        }
    }

    private void redisStep(Runnable step, String consequence) {
        redisStep(() -> {
            step.run();
            return null;
        }, consequence);
    }

    /** The stock buckets of the campaign's raffle, as many as its settings say (fixed once published). */
    private DrawBuckets draw(long campaignId) {
        return keys.draw(campaignId, raffles.stockBuckets(campaignId));
    }

    private Long redisStock(DrawBuckets draw, long prizeId) {
        try {
            return stock.exists(draw, prizeId) ? stock.read(draw, prizeId) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void existing(long campaignId) {
        campaigns.find(campaignId).orElseThrow(() -> Refusal.notFound("no campaign " + campaignId));
    }

    private void editable(long campaignId) {
        campaigns.find(campaignId)
                .filter(c -> c.status() != CampaignStatus.ENDED)
                .orElseThrow(() -> campaigns.find(campaignId).isPresent()
                        ? Refusal.conflict("campaign " + campaignId + " has ended")
                        : Refusal.notFound("no campaign " + campaignId));
    }
}

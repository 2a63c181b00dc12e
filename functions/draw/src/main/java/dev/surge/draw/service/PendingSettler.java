package dev.surge.draw.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.draw.GrantOutcome;
import dev.surge.draw.PendingDraw;
import dev.surge.draw.Settlement;
import dev.surge.draw.Sweep;
import dev.surge.draw.config.DrawConfig;
import dev.surge.draw.redis.DrawStore;
import dev.surge.draw.repository.GrantLedger;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.model.Prize;
import dev.surge.shared.rules.CompiledCampaign;

/**
 * Settles draws left pending (a MySQL answer that never came, an instance that died between Redis and MySQL).
 * Each is fenced in the ledger first, so the outcome is final: a grant that committed is confirmed, anything
 * else is voided and its unit of stock goes back. No unit is lost or counted twice, however often this runs
 * and on however many instances. Each sweep also publishes the Redis stock of every prize as a gauge.
 */
@ApplicationScoped
public class PendingSettler {

    private static final Logger LOG = Logger.getLogger(PendingSettler.class);

    private final CampaignCatalog catalog;
    private final DrawStore store;
    private final GrantLedger ledger;
    private final DrawMetrics metrics;
    private final DrawConfig config;
    private final Clock clock;

    public PendingSettler(CampaignCatalog catalog, DrawStore store, GrantLedger ledger, DrawMetrics metrics,
            DrawConfig config, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.ledger = ledger;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${surge.draw.settle-every}", delayed = "${surge.draw.settle-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().onFailure()
                .invoke(e -> LOG.warnf("pending draws not settled this round: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<Sweep> sweep() {
        Instant now = clock.instant();
        long wonBefore = now.minus(config.settleAfter()).toEpochMilli();
        return catalog.all()
                .flatMap(campaigns -> Multi.createFrom()
                        .iterable(campaigns)
                        .filter(c -> c.campaign().draw() != null)
                        .onItem()
                        .transformToUniAndConcatenate(c -> sweep(c, wonBefore, now))
                        .collect()
                        .in(() -> new Sweep[]{Sweep.NONE}, (acc, s) -> acc[0] = acc[0].plus(s))
                        .map(acc -> acc[0]));
    }

    private Uni<Sweep> sweep(CompiledCampaign campaign, long wonBefore, Instant now) {
        List<Long> prizes = campaign.campaign().draw().prizes().stream().map(Prize::id).toList();
        return store.pendingBefore(campaign.id(), campaign.draws(), wonBefore, config.settleBatch())
                .flatMap(pending -> settleAll(campaign, pending, now))
                .call(sweep -> prizes.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : store.stock(campaign.draws(), prizes)
                                .invoke(
                                        stock -> stock.forEach((prize, units) -> metrics.stock(campaign.id(), prize, units))));
    }

    private Uni<Sweep> settleAll(CompiledCampaign campaign, List<PendingDraw> pending, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        return Multi.createFrom()
                .iterable(pending)
                .onItem()
                .transformToUniAndConcatenate(draw -> ledger
                        .fence(draw.campaignId(), draw.userId(), draw.idempotencyKey(), draw.prizeId(), at)
                        .flatMap(outcome -> {
                            boolean won = outcome == GrantOutcome.GRANTED;
                            Settlement settlement = won ? Settlement.WON : Settlement.FAILED;
                            return store.settle(campaign.draws(), draw, settlement).map(settled -> {
                                if (settled) {
                                    metrics.settled(settlement.wire());
                                }
                                return won ? new Sweep(1, 0) : new Sweep(0, 1);
                            });
                        }))
                .collect()
                .in(() -> new Sweep[]{Sweep.NONE}, (acc, s) -> acc[0] = acc[0].plus(s))
                .map(acc -> acc[0]);
    }
}

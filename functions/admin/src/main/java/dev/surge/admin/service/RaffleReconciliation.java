package dev.surge.admin.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

import dev.surge.admin.ReconcileRun;
import dev.surge.admin.ReconcileRun.Checked;
import dev.surge.admin.StockReconciliation;
import dev.surge.admin.config.AdminConfig;
import dev.surge.admin.redis.ReconcileCursorStore;
import dev.surge.admin.repository.RaffleRepository;

/**
 * The scheduled reconciliation of every online raffle: report only, never a repair (that stays an operator's
 * audited call). Each run compares raffles in id order from where the last run stopped, at most
 * {@link AdminConfig#reconcileMaxRaffles()} within {@link AdminConfig#reconcileTimeBudget()}, and starts over from
 * the first once it has reached the last, so every online raffle is compared again and again however many there
 * are. Where the next run starts is kept in Redis: nothing survives between Lambda invocations but the stores.
 */
@ApplicationScoped
public class RaffleReconciliation {

    private static final Logger LOG = Logger.getLogger(RaffleReconciliation.class);

    private final RaffleService raffles;
    private final RaffleRepository repository;
    private final ReconcileCursorStore cursor;
    private final MeterRegistry registry;
    private final AdminConfig config;

    public RaffleReconciliation(RaffleService raffles, RaffleRepository repository, ReconcileCursorStore cursor,
            MeterRegistry registry, AdminConfig config) {
        this.raffles = raffles;
        this.repository = repository;
        this.cursor = cursor;
        this.registry = registry;
        this.config = config;
    }

    public ReconcileRun run() {
        long deadline = System.nanoTime() + config.reconcileTimeBudget().toNanos();
        long after = cursor.after();
        List<Long> due = repository.onlineRaffles(after, config.reconcileMaxRaffles());
        if (due.isEmpty() && after > 0) {
            // Past the last one: start over.
            due = repository.onlineRaffles(0, config.reconcileMaxRaffles());
        }
        List<Checked> checked = new ArrayList<>();
        long last = 0;
        boolean stopped = false;
        for (long id : due) {
            if (System.nanoTime() > deadline) {
                stopped = true;
                break;
            }
            checked.add(compare(id));
            last = id;
        }
        boolean complete = !stopped && due.size() < config.reconcileMaxRaffles();
        cursor.save(complete ? 0 : last);
        return new ReconcileRun(checked, complete);
    }

    private Checked compare(long campaignId) {
        try {
            StockReconciliation report = raffles.reconcile(campaignId, false, null);
            long units = report.prizes().stream().mapToLong(p -> Math.abs(p.drift())).sum();
            registry.counter(RaffleMetrics.DRIFT, RaffleMetrics.TAG_CAMPAIGN, Long.toString(campaignId)).increment(units);
            registry.counter(RaffleMetrics.RECONCILED, "outcome", units > 0 ? "drifted" : "in-line").increment();
            return new Checked(campaignId, units, units > 0, null);
        } catch (RuntimeException e) {
            // One raffle that cannot be compared (Redis or MySQL failing) does not stop the others.
            LOG.warnf("scheduled reconciliation of campaign %d failed: %s", campaignId, e.toString());
            registry.counter(RaffleMetrics.RECONCILED, "outcome", "failed").increment();
            return new Checked(campaignId, 0, false, e.getMessage());
        }
    }
}
